// Bench worker: runs `count` player bots over WebSocket, forked by scripts/bench/room.ts.
// Joins are ramped through a window of concurrent joins (or arrive as a storm, spread over a time); every question view is answered at once
// (or after a random think time). Counters and latency samples go back to the parent over IPC.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { AckResult, RoomView } from '../../src/lib/protocol';
import {
	assertLoopback,
	emptyCounters,
	type ParentMessage,
	type Samples,
	type WorkerInit,
	type WorkerMessage
} from './ipc';
import { bump } from './stats';

if (!process.send) {
	console.error('bots.ts is a worker: run `npm run bench:room` instead');
	process.exit(2);
}

const counters = emptyCounters();
const samples: Samples = { connectMs: [], joinMs: [], arriveMs: [], fanoutMs: [], answerMs: [] };
const sockets: Socket[] = [];
let proc = 0;
let progressTimer: ReturnType<typeof setInterval> | null = null;
let closing = false;

function send(msg: WorkerMessage) {
	if (process.connected) process.send!(msg);
}

/** The answer a bot gives: a random option, all-or-nothing [0] for multiple, text for fill-in. */
function answerFor(view: RoomView): { choices: number[] } | { text: string } {
	const q = view.question!;
	switch (q.type) {
		case 'fillin':
			return { text: 'x' };
		case 'multiple':
			return { choices: [0] };
		case 'truefalse':
			return { choices: [Math.floor(Math.random() * 2)] };
		default:
			return { choices: [Math.floor(Math.random() * Math.max(1, q.options.length))] };
	}
}

function runBot(init: WorkerInit, i: number): Promise<void> {
	return new Promise((resolve) => {
		const answered = new Set<number>();
		let joined = false;
		let settled = false;
		const done = (ok: boolean, cause?: string) => {
			if (settled) return;
			settled = true;
			if (ok) counters.joined++;
			else {
				counters.joinFailed++;
				bump(counters.joinErrors, cause ?? 'UNKNOWN');
				socket.disconnect();
			}
			resolve();
		};

		const t0 = performance.now();
		const socket = io(init.url, {
			path: '/socket.io',
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: init.ackTimeoutMs
		});
		sockets.push(socket);

		const answer = (view: RoomView) => {
			const index = view.index;
			const tSend = performance.now();
			counters.answersSent++;
			socket
				.timeout(init.ackTimeoutMs)
				.emit(
					'player:answer',
					{ index, answer: answerFor(view) },
					(err: Error | null, res: AckResult<{ index: number; duplicate: boolean }>) => {
						if (err) {
							counters.answersUnacked++;
							return;
						}
						samples.answerMs.push(performance.now() - tSend);
						if (res.ok) {
							counters.answersOk++;
							if (res.duplicate) counters.answersDuplicate++;
						} else bump(counters.answerErrors, res.error.code);
					}
				);
		};

		const onView = (view: RoomView) => {
			if (!joined || view.phase !== 'question' || !view.question) return;
			if (answered.has(view.index)) return;
			answered.add(view.index);
			counters.questionViews++;
			samples.fanoutMs.push(Date.now() - view.serverNow);
			if (init.thinkMs > 0) setTimeout(() => answer(view), Math.random() * init.thinkMs);
			else answer(view);
		};

		// By event, and views by phase: which of the room's steps reach every phone.
		// A reveal view may carry the player's own result (one frame for both).
		socket.onAny((event: string, payload: unknown, mine?: unknown) => {
			if (!joined) return;
			const phase = event === 'room:view' ? (payload as RoomView).phase : null;
			bump(counters.frames, phase ? `${event}(${phase}${mine ? '+result' : ''})` : event);
			if (mine || event === 'player:result') counters.results++;
		});
		socket.io.on('open', () => {
			socket.io.engine.on('data', (data: unknown) => {
				if (joined && typeof data === 'string') counters.bytesIn += Buffer.byteLength(data);
			});
		});
		socket.on('room:view', onView);
		socket.on('connect_error', (e) => done(false, `CONNECT: ${e.message}`));
		socket.on('disconnect', (reason) => {
			if (joined && !closing) counters.disconnects++;
			done(false, `DISCONNECT: ${reason}`);
		});
		socket.on('connect', () => {
			counters.connected++;
			samples.connectMs.push(performance.now() - t0);
			const tJoin = performance.now();
			socket
				.timeout(init.ackTimeoutMs)
				.emit(
					'player:join',
					{ pin: init.pin, nickname: `bot-${init.proc}-${i}` },
					(err: Error | null, res: AckResult<{ view: RoomView }>) => {
						if (err) return done(false, 'ACK_TIMEOUT');
						if (!res.ok) return done(false, res.error.code);
						samples.joinMs.push(performance.now() - tJoin);
						samples.arriveMs.push(performance.now() - t0);
						joined = true;
						done(true);
						// Late joiners (or a slow ramp) may already be in a question.
						onView(res.view);
					}
				);
		});
	});
}

async function ramp(init: WorkerInit) {
	if (init.stormMs > 0) {
		// Every bot at its own moment of the storm, evenly spread with a little jitter.
		const step = init.stormMs / init.count;
		await Promise.all(
			Array.from(
				{ length: init.count },
				(_, i) =>
					new Promise<void>((resolve) =>
						setTimeout(() => void runBot(init, i).then(resolve), (i + Math.random()) * step)
					)
			)
		);
		send({ type: 'ramped', proc, counters });
		return;
	}
	let next = 0;
	const lane = async () => {
		while (next < init.count) await runBot(init, next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(init.window, init.count)) }, lane));
	send({ type: 'ramped', proc, counters });
}

process.on('message', (msg: ParentMessage) => {
	switch (msg.type) {
		case 'init':
			assertLoopback(msg.url);
			proc = msg.proc;
			progressTimer = setInterval(() => send({ type: 'progress', proc, counters }), 500);
			void ramp(msg);
			break;
		case 'report':
			send({ type: 'report', proc, counters, samples });
			break;
		case 'exit':
			shutdown();
			break;
	}
});

function shutdown() {
	closing = true;
	if (progressTimer) clearInterval(progressTimer);
	for (const s of sockets) s.disconnect();
	// Let the close frames go out, then leave regardless.
	setTimeout(() => process.exit(0), 300).unref();
}

// The parent is gone (exited or killed): never linger with open sockets.
process.on('disconnect', () => process.exit(0));
// Loaded: the parent starts every worker's ramp at once, so start-up is not timed as joining.
send({ type: 'ready' });
