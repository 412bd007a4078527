// Production entry: one HTTP server serves the SvelteKit pages (adapter-node's handler) and the
// Socket.IO gateway. Handles PORT, HOST and graceful shutdown.
import { createServer } from 'node:http';
import { appContext } from '../lib/server/app-context';
import { attachGateway } from '../lib/server/realtime/gateway';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

const ctx = await appContext();
const handlerUrl = new URL('../build/handler.js', import.meta.url).href;
const { handler } = (await import(handlerUrl)) as {
	handler: (req: unknown, res: unknown, next?: () => void) => void;
};
const server = createServer((req, res) => handler(req, res));
const gateway = await attachGateway(server, ctx, {
	allowedOrigins: process.env.ORIGIN ? [process.env.ORIGIN] : []
});

server.listen(port, host, () => {
	const live = ctx.live.kind === 'redis' ? 'Redis' : 'memory (embedded)';
	const records =
		ctx.records.kind === 'postgres' ? 'PostgreSQL' : `SQLite (${ctx.config.sqlitePath})`;
	console.log(
		`Anda is running on http://localhost:${port}  · live state: ${live} · records: ${records}`
	);
});

let stopping = false;
async function shutdown(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: closing`);
	server.closeIdleConnections();
	await gateway.close();
	server.close();
	await ctx.close();
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
