// The Anda server of the Q&A benchmark, forked by scripts/bench/qa.ts with an IPC channel. It runs
// the production server (src/server/serve.ts: health, start-up, the built pages, the Socket.IO
// gateway) as build-server/main.js does, then creates what the bench needs through the services,
// since no HTTP route creates a Q&A event yet: the first (admin) account, an organisation and an
// event with pre-moderation on. It tells the parent the event's code and the account's session
// cookie, and nothing else is reachable this way: no route, no socket event is added.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../../src/lib/server/app-context';
import { COOKIE_NAME } from '../../src/lib/server/auth/session';
import { handleSignals, serve, type PagesHandler } from '../../src/server/serve';
import { BENCH_EVENT, type ServerMessage } from './qa-ipc';

const send = (m: ServerMessage) => process.send?.(m);
// The parent gone (finished or killed): never linger with a port open.
process.on('disconnect', () => process.exit(0));

const handlerPath = fileURLToPath(new URL('../../build/handler.js', import.meta.url));
if (!existsSync(handlerPath)) {
	send({ type: 'failed', message: `${handlerPath} is missing: run \`npm run build\` first` });
	process.exit(2);
}
// As main.ts does for plain HTTP: requests are stamped with their real protocol before adapter-node
// (which reads the variable when the handler loads) sees them.
const STAMP = 'x-anda-protocol';
process.env.PROTOCOL_HEADER = STAMP;
const { handler } = (await import(handlerPath)) as { handler: PagesHandler };

const served = serve({
	config: configFromEnv(),
	pages: handler,
	port: 0,
	host: '127.0.0.1',
	protocolHeader: STAMP
});
handleSignals(served);

try {
	const { ctx, gateway } = await served.running;
	const address = gateway.io.httpServer.address();
	if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
	const fields = {
		email: `bench-host-${process.pid}@example.com`,
		displayName: '压测主持人',
		password: `bench-password-${process.pid}`
	};
	const client = { ip: '127.0.0.1', userAgent: 'bench:qa' };
	const made = (await ctx.auth.needsSetup())
		? await ctx.auth.setup(fields, client)
		: await ctx.auth.signUp(fields, client);
	const org = await ctx.orgs.create(made.user.id, '压测应急管理局', 'enterprise');
	const event = await ctx.qa.createEvent(made.user.id, org.id, BENCH_EVENT);

	send({
		type: 'ready',
		url: `http://127.0.0.1:${address.port}`,
		code: event.code,
		cookie: `${COOKIE_NAME}=${made.token}`
	});
} catch (e) {
	send({ type: 'failed', message: (e as Error).stack ?? String(e) });
	process.exit(1);
}
