// No answer key before the reveal: every frame each player (and the screen) receives during a whole
// game is recorded — events through onAny, and every packet including acks — and searched before
// each reveal for the correct options, the accepted fill-in answers, the explanation and the source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/lib/domain/answer';
import {
	CORRECT,
	EXPLANATIONS,
	FILLIN_ACCEPTED,
	fixtureQuiz,
	Q,
	SOURCES
} from '../support/quizzes';
import {
	attachHost,
	closeClients,
	command,
	connect,
	emitAck,
	expectOk,
	liveModes,
	requireMode,
	startTestServer,
	until,
	type ClientSocket,
	type TestHost,
	type TestServer
} from '../support/server';

const modes = await liveModes('no-leak.test.ts');
const quiz = fixtureQuiz;

/** One received frame: an event or an ack, as decoded and as its JSON text. */
interface Frame {
	seq: number;
	packetType: number;
	data: unknown;
	raw: string;
}

interface Participant {
	name: string;
	frames: Frame[];
	/** What onAny saw: the events alone. */
	events: { event: string; args: unknown[] }[];
	socket: ClientSocket;
	token: string | null;
}

type PacketListener = (p: { type: number; data?: unknown }) => void;

function record(p: Participant, socket: ClientSocket) {
	p.socket = socket;
	socket.onAny((event: string, ...args: unknown[]) => p.events.push({ event, args }));
	(socket.io as unknown as { on(ev: 'packet', l: PacketListener): void }).on('packet', (packet) => {
		p.frames.push({
			seq: p.frames.length,
			packetType: packet.type,
			data: packet.data,
			raw: JSON.stringify(packet.data ?? null)
		});
	});
}

async function participant(url: string, name: string): Promise<Participant> {
	const socket = await connect(url);
	const p: Participant = { name, frames: [], events: [], socket, token: null };
	record(p, socket);
	return p;
}

// EVENT packets carry [name, arg]; acks carry [result].
const EVENT = 2;
function eventOf(f: Frame): { name: string; arg: unknown } | null {
	if (f.packetType !== EVENT || !Array.isArray(f.data)) return null;
	return { name: String(f.data[0]), arg: f.data[1] };
}
function isView(f: Frame, phase: string, index: number): boolean {
	const e = eventOf(f);
	const v = e?.arg as { phase?: string; index?: number } | undefined;
	return e?.name === 'room:view' && v?.phase === phase && v?.index === index;
}

/** Keys that would carry an answer key, a verdict or its explanation. */
const SECRET_KEYS = new Set([
	'reveal',
	'correct',
	'correctChoices',
	'correctIndex',
	'correctIndexes',
	'accepted',
	'answer',
	'answers',
	'solution',
	'key',
	'explanation',
	'source',
	'isCorrect'
]);
const PUBLIC_QUESTION_KEYS = ['index', 'total', 'type', 'stem', 'options', 'points', 'timeLimit'];

const hasContent = (v: unknown) =>
	v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Every secret-keyed field with content, and every question object with extra fields. */
function findSecrets(value: unknown, path = '$', out: string[] = []): string[] {
	if (Array.isArray(value)) {
		value.forEach((v, i) => findSecrets(v, `${path}[${i}]`, out));
	} else if (value && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		if ('stem' in obj) {
			const extra = Object.keys(obj).filter((k) => !PUBLIC_QUESTION_KEYS.includes(k));
			if (extra.length > 0) out.push(`${path} has non-public question fields ${extra.join(', ')}`);
		}
		for (const [k, v] of Object.entries(obj)) {
			if (SECRET_KEYS.has(k) && hasContent(v)) out.push(`${path}.${k} = ${JSON.stringify(v)}`);
			findSecrets(v, `${path}.${k}`, out);
		}
	}
	return out;
}

/** Strings that must not appear anywhere before question `i` is revealed. */
function secretStrings(i: number): string[] {
	const out: string[] = [];
	for (let j = i; j < quiz.questions.length; j++) {
		out.push(EXPLANATIONS[j]!, SOURCES[j]!);
		if (quiz.questions[j]!.type === 'fillin') out.push(...FILLIN_ACCEPTED);
	}
	return out;
}

/** What the three players answer per question (right, wrong, right-but-differently-spelled). */
const PLAN: AnswerInput[][] = [
	[{ choices: [2] }, { choices: [0] }, { choices: [2] }],
	[{ choices: [0, 3] }, { choices: [1] }, { choices: [3, 0] }],
	[{ choices: [1] }, { choices: [0] }, { choices: [1] }],
	[{ text: 'zorblaxquencher7781' }, { text: 'water' }, { text: 'QUIBBLETONFOAM3392' }],
	[{ choices: [0] }, { choices: [1] }, { choices: [2] }]
];

describe.each(modes)('no answer key before the reveal with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`no leak (${mode.name})`, () => {
		let server: TestServer;

		beforeAll(async () => {
			requireMode(mode);
			server = await startTestServer({ redisUrl: mode.redisUrl });
		});
		afterAll(async () => {
			closeClients();
			await server?.close();
		});

		it('sends players and the screen nothing that reveals a question before its reveal', async () => {
			const { pin, hostSecret } = await server.createRoom(quiz);
			const host: TestHost = await attachHost(server.url, pin, hostSecret);

			const screen = await participant(server.url, 'screen');
			expectOk(await emitAck(screen.socket, 'screen:attach', { pin }));
			const players: Participant[] = [];
			for (let k = 1; k <= 3; k++) {
				const p = await participant(server.url, `L${k}`);
				const res = expectOk(await emitAck(p.socket, 'player:join', { pin, nickname: p.name }));
				p.token = res.token;
				players.push(p);
			}
			const everyone = [...players, screen];
			/** Where each participant's log stood when question i was opened. */
			const opened: number[][] = [];
			let checked = 0;

			for (let i = 0; i < quiz.questions.length; i++) {
				opened[i] = everyone.map((p) => p.frames.length);
				await command(host, { type: i === 0 ? 'start' : 'next' });
				await until(
					() => everyone.every((p) => p.frames.some((f) => isView(f, 'question', i))),
					3000,
					`question ${i} views`
				);

				// During the fill-in question one player drops and resumes on a new socket.
				if (i === Q.fillin) {
					const p = players[2]!;
					p.socket.disconnect();
					await until(async () => (await server.ctx.live.onlineCount(pin)) === 2, 2000, 'drop');
					record(p, await connect(server.url));
					const res = expectOk(await emitAck(p.socket, 'player:resume', { pin, token: p.token! }));
					expect(res.view).toMatchObject({ phase: 'question', index: i, reveal: null });
				}

				for (const [k, p] of players.entries()) {
					const res = await emitAck(p.socket, 'player:answer', {
						index: i,
						answer: PLAN[i]![k]
					});
					expect(res).toEqual({ ok: true, index: i, duplicate: false });
				}
				await until(
					() => everyone.every((p) => p.frames.some((f) => isView(f, 'reveal', i))),
					3000,
					`question ${i} reveal`
				);

				for (const [n, p] of everyone.entries()) {
					const at = p.frames.findIndex((f) => isView(f, 'reveal', i));
					const before = p.frames.slice(0, at);
					// Nothing from the lobby up to this reveal names this or a later question's secrets.
					for (const f of before) {
						const text = f.raw.toLowerCase();
						for (const s of secretStrings(i)) {
							expect(text, `${p.name} frame ${f.seq} leaks "${s}"`).not.toContain(s.toLowerCase());
						}
						const e = eventOf(f);
						if (e?.name === 'player:result') {
							expect((e.arg as { index: number }).index).toBeLessThan(i);
						}
						if (e?.name === 'room:view') {
							const reveal = (e.arg as { reveal: { index: number } | null }).reveal;
							if (reveal) expect(reveal.index).toBeLessThan(i);
						}
					}
					// While the question is open (and in the lobby before the first), no frame has a
					// key, verdict or explanation field with content, nor a question with extra fields.
					const from = i === 0 ? 0 : opened[i]![n]!;
					for (const f of p.frames.slice(from, at)) {
						expect(findSecrets(f.data), `${p.name} frame ${f.seq}: ${f.raw}`).toEqual([]);
						checked++;
					}

					// The scan is not vacuous: the reveal itself carries what was held back.
					const reveal = p.frames[at]!;
					expect(reveal.raw).toContain(EXPLANATIONS[i]!);
					expect(reveal.raw).toContain(SOURCES[i]!);
					expect(findSecrets(reveal.data).length).toBeGreaterThan(0);
					const r = (eventOf(reveal)!.arg as { reveal: { correct: number[]; accepted: string[] } })
						.reveal;
					expect(r.correct).toEqual(CORRECT[i]);
					if (i === Q.fillin) {
						for (const s of FILLIN_ACCEPTED) expect(reveal.raw).toContain(s);
					}
				}

				// Move on to the leaderboard once each phone has its result (carried by the reveal, or
				// on its own after a resume).
				const resultOf = (e: { event: string; args: unknown[] }) =>
					(e.event === 'room:view'
						? e.args[1]
						: e.event === 'player:result'
							? e.args[0]
							: null) as {
						index: number;
					} | null;
				await until(
					() => players.every((p) => p.events.some((e) => resultOf(e)?.index === i)),
					3000,
					`question ${i} results`
				);
				await command(host, { type: 'next' });
			}
			await command(host, { type: 'next' });
			await command(host, { type: 'next' });

			// onAny saw exactly the event packets, so the packet log missed nothing.
			for (const p of everyone) {
				expect(p.events.length).toBe(p.frames.filter((f) => f.packetType === EVENT).length);
			}
			expect(checked).toBeGreaterThan(everyone.length * quiz.questions.length);
		});
	});
});
