// Development: the same gateway as production, on Vite's HTTP server (see socket-plugin.ts).
import type { Server } from 'node:http';
import { appContext } from '../lib/server/app-context';
import { configuredOrigin } from '../lib/server/http/public-origin';
import { attachGateway } from '../lib/server/realtime/gateway';

export async function attachDevSockets(http: Server): Promise<void> {
	const origin = configuredOrigin();
	await attachGateway(http, await appContext(), { allowedOrigins: origin ? [origin] : [] });
}
