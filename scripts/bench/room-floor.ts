// The floor of the room benchmark: the least a server can do for the same quiz on bare Socket.IO
// (no stores, no validation beyond the shape, no limits), forked by scripts/bench/room.ts and
// speaking the events bots.ts and the bench's host already speak. A question is one room
// broadcast; an answer is a Map insert and an ack; at the close each player gets one personal
// result and the room one top-10 broadcast. Anda's figures divided by these show what its rules,
// stores and views cost on top of the transport.
//
// With FLOOR_REDIS_URL (bench:room --floor-redis) the floor keeps its word the way Anda does, "an
// ack means durable": a join and an answer are acked only once Redis has them, and a question's
// results go out once its scores are stored. What reaches it in one turn of the event loop goes to
// Redis as one HSET through the `redis` package — the least a durable server can do with that
// client, so that Anda's Redis mode can also be set beside the same work on the bare libraries.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server, type Socket } from 'socket.io';
import type { RoomServerMessage } from './room-ipc';

const PIN = '100000';
const SECRET = 'floor-secret';
const LIMIT_MS = 20_000;
const POINTS = 1000;
// Four options, the first right: enough question for the bots to answer and the floor to score.
const QUESTION_COUNT = Math.max(1, Number(process.env.FLOOR_QUESTIONS) || 3);

const send = (m: RoomServerMessage) => process.send?.(m);
// The parent gone (finished or killed): never linger with a port open.
process.on('disconnect', () => process.exit(0));
// Stopped by the bench: exit, so that a --cpu-prof given through BENCH_SERVER_NODE_ARGS is written.
process.on('SIGTERM', () => process.exit(0));

type Phase = 'lobby' | 'question' | 'reveal' | 'ended';

const redisUrl = process.env.FLOOR_REDIS_URL;
const redis = redisUrl ? createClient({ url: redisUrl }) : null;
if (redis) {
	redis.on('error', (e: Error) => console.error(`floor: redis: ${e.message}`));
	await redis.connect();
}
// Under the bench's prefix (it drops the keys at the end); one hash tag, as a room's keys have.
const keyOf = (name: string) => `${process.env.FLOOR_REDIS_PREFIX ?? 'floor'}:{${PIN}}:${name}`;

/**
 * Field-value pairs for one hash gathered over one turn, then one HSET; each waiter resumes once
 * Redis has answered. Without Redis a write is done at once, so the bare floor stays synchronous.
 */
class TurnWrites {
	private pairs: string[] = [];
	private waiters: (() => void)[] = [];
	constructor(private readonly key: () => string) {}
	write(field: string, value: string, then: () => void): void {
		if (!redis) return then();
		if (this.waiters.length === 0) setImmediate(() => this.flush());
		this.pairs.push(field, value);
		this.waiters.push(then);
	}
	private flush(): void {
		const pairs = this.pairs;
		const waiters = this.waiters;
		this.pairs = [];
		this.waiters = [];
		redis!.sendCommand(['HSET', this.key(), ...pairs]).then(
			() => waiters.forEach((w) => w()),
			// A lost write is never acked: the bot counts the answer lost, which the bench reports.
			(e: Error) => console.error(`floor: HSET: ${e.message}`)
		);
	}
}

interface Player {
	id: string;
	nickname: string;
	socket: Socket;
	score: number;
	streak: number;
}

const players = new Map<string, Player>();
let answers = new Map<string, number>();
let phase: Phase = 'lobby';
let index = 0;
let openedAt = 0;
let deadline: ReturnType<typeof setTimeout> | null = null;
let leaderboard: { rank: number; playerId: string; nickname: string; score: number }[] | null =
	null;
let nextId = 0;
const joins = new TurnWrites(() => keyOf('players'));
const answerWrites = new TurnWrites(() => keyOf(`answers:${index}`));

function view() {
	const now = Date.now();
	return {
		pin: PIN,
		title: '地板',
		phase,
		index,
		questionCount: QUESTION_COUNT,
		locked: false,
		allowLateJoin: true,
		playerCount: players.size,
		paused: false,
		remainingMs: phase === 'question' ? Math.max(0, openedAt + LIMIT_MS - now) : 0,
		limitMs: LIMIT_MS,
		serverNow: now,
		question:
			phase === 'question'
				? { type: 'single', text: `第 ${index + 1} 题`, options: ['甲', '乙', '丙', '丁'] }
				: null,
		reveal: phase === 'reveal' ? { correct: [0] } : null,
		publicResults: false,
		autoAdvance: null,
		phaseRemainingMs: null,
		leaderboard,
		rounds: null
	};
}

const http = createServer((req, res) => {
	if (req.method === 'POST' && req.url === '/api/rooms') {
		req.resume();
		res.writeHead(201, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ pin: PIN, hostSecret: SECRET }));
		return;
	}
	res.statusCode = 404;
	res.end();
});
const io = new Server(http, { transports: ['websocket'] });

function openQuestion() {
	phase = 'question';
	answers = new Map();
	leaderboard = null;
	openedAt = Date.now();
	io.to('room').emit('room:view', view());
	deadline = setTimeout(closeQuestion, LIMIT_MS);
}

function closeQuestion() {
	if (phase !== 'question') return;
	if (deadline) clearTimeout(deadline);
	deadline = null;
	for (const p of players.values()) {
		const choice = answers.get(p.id);
		const correct = choice === undefined ? null : choice === 0;
		const points = correct ? POINTS : 0;
		p.score += points;
		p.streak = correct ? p.streak + 1 : 0;
	}
	phase = 'reveal';
	if (!redis) return sendResults();
	const scores: string[] = [];
	for (const p of players.values()) scores.push(p.id, String(p.score));
	redis
		.sendCommand(['HSET', keyOf('scores'), ...scores])
		.then(sendResults, (e: Error) => console.error(`floor: scores: ${e.message}`));
}

function sendResults() {
	const ranked = [...players.values()].sort((a, b) => b.score - a.score);
	ranked.forEach((p, i) => {
		p.socket.emit('player:result', {
			index,
			answered: answers.has(p.id),
			correct: answers.has(p.id) ? answers.get(p.id) === 0 : null,
			points: answers.get(p.id) === 0 ? POINTS : 0,
			bonus: 0,
			streak: p.streak,
			score: p.score,
			rank: i + 1,
			playerCount: players.size
		});
	});
	leaderboard = ranked.slice(0, 10).map((p, i) => ({
		rank: i + 1,
		playerId: p.id,
		nickname: p.nickname,
		score: p.score
	}));
	io.to('room').emit('room:view', view());
}

type Ack = (res: object) => void;

io.on('connection', (socket: Socket) => {
	let me: Player | null = null;
	socket.on('host:attach', (_p: unknown, ack: Ack) => {
		void socket.join(['room', 'hosts']);
		ack({ ok: true, view: view(), players: [], control: 'secret', coHosts: [], screenToken: null });
	});
	socket.on('host:command', (p: { type?: string }, ack: Ack) => {
		if (p?.type === 'end') phase = 'ended';
		else if (phase === 'lobby' && p?.type === 'start') openQuestion();
		else if (phase === 'question' && p?.type === 'next') closeQuestion();
		else if (phase === 'reveal' && p?.type === 'next') {
			if (index + 1 >= QUESTION_COUNT) phase = 'ended';
			else {
				index++;
				openQuestion();
			}
		} else return ack({ ok: false, error: { code: 'WRONG_PHASE', message: phase } });
		if (phase === 'ended') io.to('room').emit('room:view', view());
		ack({ ok: true, view: view() });
	});
	socket.on('player:join', (p: { nickname?: unknown }, ack: Ack) => {
		if (typeof ack !== 'function') return;
		const joined = (player: Player) => {
			const self = { playerId: player.id, nickname: player.nickname, score: 0, streak: 0 };
			const you = { ...self, rank: null, answered: null, team: null };
			ack({ ok: true, token: player.id, self: you, view: view() });
		};
		if (me) return joined(me);
		const player = {
			id: String(++nextId),
			nickname: String(p?.nickname),
			socket,
			score: 0,
			streak: 0
		};
		me = player;
		joins.write(player.id, player.nickname, () => {
			// Gone while Redis had the write: its disconnect already ran, so it must not be counted.
			if (!socket.connected) return;
			players.set(player.id, player);
			void socket.join('room');
			joined(player);
		});
	});
	socket.on('player:answer', (p: { index?: unknown; answer?: { choices?: unknown } }, ack: Ack) => {
		if (typeof ack !== 'function') return;
		if (!me || phase !== 'question' || p?.index !== index) {
			return ack({ ok: false, error: { code: 'WRONG_PHASE', message: phase } });
		}
		if (answers.has(me.id)) return ack({ ok: true, index, duplicate: true });
		const c = p.answer?.choices;
		const choice = Array.isArray(c) ? Number(c[0]) : -1;
		answers.set(me.id, choice);
		const at = index;
		answerWrites.write(me.id, String(choice), () => {
			ack({ ok: true, index: at, duplicate: false });
			counted();
		});
	});
	// The host reads progress to know when everyone answered; one frame when the last one did.
	const counted = () => {
		if (phase === 'question' && answers.size >= players.size) {
			io.to('hosts').emit('question:progress', {
				index,
				answered: answers.size,
				online: players.size
			});
			closeQuestion();
		}
	};
	socket.on('disconnect', () => {
		if (me) players.delete(me.id);
	});
});

// The same accept queue as Anda's (src/server/serve.ts), so that a join storm compares code.
http.listen({ port: Number(process.env.PORT) || 0, host: '127.0.0.1', backlog: 4096 }, () => {
	const { port } = http.address() as AddressInfo;
	send({ type: 'ready', url: `http://127.0.0.1:${port}`, pid: process.pid });
});
