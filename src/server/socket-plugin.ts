// Vite plugin: attaches the same Socket.IO gateway to Vite's HTTP server in `npm run dev` and
// `vite preview`, so development has hot reload and live sockets on one port.
import type { Plugin, ViteDevServer, PreviewServer } from 'vite';
import { appContext } from '../lib/server/app-context';
import { attachGateway } from '../lib/server/realtime/gateway';

const ATTACHED = Symbol.for('anda.gateway-attached');

async function attach(server: ViteDevServer | PreviewServer) {
	const http = server.httpServer as (import('node:http').Server & { [ATTACHED]?: true }) | null;
	if (!http || http[ATTACHED]) return; // restarts reuse the HTTP server; attach once
	http[ATTACHED] = true;
	const allowed = process.env.ORIGIN ? [process.env.ORIGIN] : [];
	await attachGateway(http, await appContext(), { allowedOrigins: allowed });
}

export function andaSockets(): Plugin {
	return {
		name: 'anda-sockets',
		configureServer: (server) => void attach(server),
		configurePreviewServer: (server) => void attach(server)
	};
}
