// One Anda socket process for the fault scenarios, forked with an IPC channel: the real gateway,
// services and clock on the scenario's own Redis, records in a SQLite file the processes share.
// It counts unhandled rejections and reports them to the parent instead of dying of them, so
// that a scenario can require none; an uncaught exception is reported and ends the process (that
// is a crash). Rooms are created on request: the pages are not part of these scenarios.
import type { Quiz } from '../../../src/lib/domain/question';
import { startTestServer } from '../server';

export interface ChildOptions {
	redisUrl: string;
	redisPrefix: string;
	sqlitePath: string;
	clock?: { leaseMs?: number; sweepMs?: number };
}
export type ChildMessage =
	| { type: 'ready'; url: string; owner: string }
	| { type: 'room'; pin: string; hostSecret: string }
	| { type: 'unhandled'; message: string }
	| { type: 'uncaught'; message: string };
export type ParentMessage = { type: 'createRoom'; quiz: Quiz };

const send = (m: ChildMessage) => process.send?.(m);
const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

process.on('unhandledRejection', (reason) =>
	send({ type: 'unhandled', message: describe(reason) })
);
process.on('uncaughtException', (err) => {
	send({ type: 'uncaught', message: describe(err) });
	process.exit(70);
});
// The parent going away (a test that failed half-way) must not leave this process behind.
process.on('disconnect', () => process.exit(0));

const opts = JSON.parse(process.env.ANDA_CHILD ?? '{}') as ChildOptions;
const server = await startTestServer(opts);
process.on('message', (m: ParentMessage) => {
	if (m.type !== 'createRoom') return;
	void server.createRoom(m.quiz).then(
		(room) => send({ type: 'room', pin: room.pin, hostSecret: room.hostSecret }),
		(e: unknown) => send({ type: 'unhandled', message: `createRoom: ${describe(e)}` })
	);
});
send({ type: 'ready', url: server.url, owner: server.ctx.clock.owner });
