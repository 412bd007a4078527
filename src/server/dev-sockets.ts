// Development: the same gateway as production, on Vite's HTTP server (see socket-plugin.ts).
import type { Server } from 'node:http';
import { appContext } from '../lib/server/app-context';
import { attachGateway } from '../lib/server/realtime/gateway';

export async function attachDevSockets(http: Server): Promise<void> {
	const allowed = process.env.ORIGIN ? [process.env.ORIGIN] : [];
	await attachGateway(http, await appContext(), { allowedOrigins: allowed });
}
