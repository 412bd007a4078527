// Q&A bench worker: `count` audience phones over WebSocket, forked by scripts/bench/qa.ts. Each
// joins with `qa:join`, notes when each question first shows in its `qa:view`, applies `qa:votes`
// frames by their seq, and on the parent's word asks, votes and takes votes back. Everything it
// measured goes back to the parent over IPC. It only connects to 127.0.0.1.
import { io, type Socket } from 'socket.io-client';
import type { AckResult, QaPublicView, QaVotesFrame } from '../../src/lib/protocol';
import { assertLoopback } from './ipc';
import {
	benchNow,
	emptyPhoneCounters,
	type FrameReceipt,
	type PhonesCommand,
	type PhonesInit,
	type PhonesMessage,
	type PhonesReport
} from './qa-ipc';
import { bump } from './stats';

if (!process.send) {
	console.error('qa-bots.ts is a worker: run `npm run bench:qa` instead');
	process.exit(2);
}

interface Phone {
	i: number;
	socket: Socket;
	joined: boolean;
	seen: Set<string>;
	voted: string[];
}

const counters = emptyPhoneCounters();
const report: PhonesReport = { firstSeen: {}, frames: [], voteAcks: [], ackMs: [], joinMs: [] };
const frames = new Map<number, FrameReceipt>();
const seenCount: Record<string, number> = {};
const phones: Phone[] = [];
let init: PhonesInit;
let closing = false;

function send(msg: PhonesMessage) {
	if (process.connected) process.send!(msg);
}

type VoteAck = { votes: number | null; voted: boolean; changed: boolean };

/** Emits with an ack, bounded by the ack timeout: null when no ack came. */
function emitAck<T extends object>(
	socket: Socket,
	event: string,
	payload: unknown
): Promise<AckResult<T> | null> {
	return new Promise((resolve) => {
		socket
			.timeout(init.ackTimeoutMs)
			.emit(event, payload, (err: Error | null, res: AckResult<T>) => resolve(err ? null : res));
	});
}

function onView(phone: Phone, view: QaPublicView) {
	counters.views++;
	const at = benchNow();
	for (const q of view.questions) {
		if (phone.seen.has(q.id)) continue;
		phone.seen.add(q.id);
		(report.firstSeen[q.id] ??= []).push(at);
		seenCount[q.id] = (seenCount[q.id] ?? 0) + 1;
	}
}

/** Every phone of a process gets the same frames: one receipt record per frame, not per phone. */
function onVotes(frame: QaVotesFrame) {
	counters.voteFrames++;
	const at = benchNow();
	const r = frames.get(frame.seq);
	if (r) {
		r.lastAt = Math.max(r.lastAt, at);
		r.receivers++;
	} else frames.set(frame.seq, { seq: frame.seq, lastAt: at, receivers: 1, votes: frame.votes });
}

function joinPhone(i: number): Promise<void> {
	return new Promise((resolve) => {
		let settled = false;
		const socket = io(init.url, {
			path: '/socket.io',
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: init.ackTimeoutMs
		});
		const phone: Phone = { i, socket, joined: false, seen: new Set(), voted: [] };
		const done = (cause?: string) => {
			if (settled) return;
			settled = true;
			if (cause === undefined) {
				counters.joined++;
				phones.push(phone);
			} else {
				counters.joinFailed++;
				bump(counters.joinErrors, cause);
				socket.disconnect();
			}
			resolve();
		};
		socket.on('qa:view', (v: QaPublicView) => phone.joined && onView(phone, v));
		socket.on('qa:votes', onVotes);
		socket.on('connect_error', (e) => done(`CONNECT: ${e.message}`));
		socket.on('disconnect', (reason) => {
			if (phone.joined && !closing) counters.disconnects++;
			done(`DISCONNECT: ${reason}`);
		});
		socket.on('connect', () => {
			counters.connected++;
			const t0 = benchNow();
			void emitAck<{ view: QaPublicView }>(socket, 'qa:join', { code: init.code }).then((res) => {
				if (!res) return done('ACK_TIMEOUT');
				if (!res.ok) return done(res.error.code);
				report.joinMs.push(benchNow() - t0);
				phone.joined = true;
				onView(phone, res.view);
				done();
			});
		});
	});
}

async function joinAll() {
	let next = 0;
	const lane = async () => {
		while (next < init.count) await joinPhone(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(init.window, init.count)) }, lane));
	phones.sort((a, b) => a.i - b.i);
	send({ type: 'joined', proc: init.proc, counters });
}

async function ask(askers: number) {
	const ids: string[] = [];
	await Promise.all(
		phones.slice(0, askers).map(async (phone) => {
			const res = await emitAck<{ question: { id: string } }>(phone.socket, 'qa:ask', {
				text: `请问企业动火作业前需要做哪些安全检查？（第 ${init.proc + 1}-${phone.i + 1} 问）`,
				name: null,
				label: null
			});
			if (!res) return bump(counters.askErrors, 'ACK_TIMEOUT');
			if (!res.ok) return bump(counters.askErrors, res.error.code);
			counters.asked++;
			ids.push(res.question.id);
		})
	);
	send({ type: 'asked', proc: init.proc, questionIds: ids, counters });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `n` distinct picks from `list`, at random. */
function pick<T>(list: T[], n: number): T[] {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(Math.random() * (i + 1));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy.slice(0, n);
}

async function castVote(phone: Phone, questionId: string, up: boolean) {
	const t0 = benchNow();
	if (up) counters.votesSent++;
	else counters.unvotesSent++;
	const res = await emitAck<VoteAck>(phone.socket, up ? 'qa:vote' : 'qa:unvote', { questionId });
	const at = benchNow();
	if (!res) return void counters.unacked++;
	report.ackMs.push(at - t0);
	const ack = res;
	if (!ack.ok) return bump(up ? counters.voteErrors : counters.unvoteErrors, ack.error.code);
	if (!up) {
		if (ack.changed) counters.unvotesChanged++;
		return;
	}
	if (!ack.changed) return void counters.votesRepeated++;
	counters.votesChanged++;
	phone.voted.push(questionId);
	if (ack.votes !== null) report.voteAcks.push([questionId, ack.votes, at]);
}

async function vote(questionIds: string[], each: number, perSecond: number) {
	const gap = 1000 / Math.max(0.1, perSecond);
	await Promise.all(
		phones.map(async (phone) => {
			// Phones start at random points of the first gap, so that the load is even.
			await sleep(Math.random() * gap);
			const votes: Promise<void>[] = [];
			for (const id of pick(questionIds, each)) {
				votes.push(castVote(phone, id, true));
				await sleep(gap);
			}
			await Promise.all(votes);
		})
	);
	send({ type: 'voted', proc: init.proc, counters });
}

async function unvote(share: number, spreadMs: number) {
	const takers = phones.filter((p) => p.voted.length > 0 && Math.random() < share);
	await Promise.all(
		takers.map(async (phone) => {
			await sleep(Math.random() * spreadMs);
			await castVote(phone, phone.voted[Math.floor(Math.random() * phone.voted.length)]!, false);
		})
	);
	send({ type: 'unvoted', proc: init.proc, counters });
}

let progressTimer: ReturnType<typeof setInterval> | null = null;

process.on('message', (msg: PhonesCommand) => {
	switch (msg.type) {
		case 'init':
			assertLoopback(msg.url);
			init = msg;
			progressTimer = setInterval(
				() => send({ type: 'progress', proc: init.proc, counters, seen: seenCount }),
				250
			);
			void joinAll();
			break;
		case 'ask':
			void ask(msg.askers);
			break;
		case 'vote':
			void vote(msg.questionIds, msg.each, msg.perSecond);
			break;
		case 'unvote':
			void unvote(msg.share, msg.spreadMs);
			break;
		case 'report':
			report.frames = [...frames.values()];
			send({ type: 'report', proc: init?.proc ?? -1, counters, report });
			break;
		case 'exit':
			shutdown();
			break;
	}
});

function shutdown() {
	closing = true;
	if (progressTimer) clearInterval(progressTimer);
	for (const p of phones) p.socket.disconnect();
	// Let the close frames go out, then leave regardless.
	setTimeout(() => process.exit(0), 300).unref();
}

// The parent is gone (exited or killed): never linger with open sockets.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
