// The floor of the Q&A benchmark: the least a server can do for the same run on bare Socket.IO
// (no stores, no validation, no identities, no limits), forked by scripts/bench/qa.ts like
// qa-server.ts and speaking the same events to the same phone bots. Asked questions wait for
// approval; each approval is one broadcast of the published list; a vote is a set insert and an
// ack; changed counts go out in one frame every 250 ms. Anda's figures divided by these show what
// its rules, stores and views cost on top of the transport.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { BENCH_EVENT, type ServerMessage } from './qa-ipc';

const FRAME_MS = 250;
const CODE = 'FLOOR1';
const send = (m: ServerMessage) => process.send?.(m);
process.on('disconnect', () => process.exit(0));

interface Question {
	id: string;
	text: string;
	createdAt: number;
	published: boolean;
	voters: Set<string>;
}

const questions = new Map<string, Question>();
const changed = new Set<string>();
let seq = 0;

const publicQuestion = (q: Question) => ({
	id: q.id,
	text: q.text,
	authorName: null,
	label: null,
	status: 'published',
	votes: q.voters.size,
	starred: false,
	answer: null,
	createdAt: q.createdAt
});

function publicView() {
	const list = [...questions.values()].filter((q) => q.published).map(publicQuestion);
	list.sort((a, b) => b.votes - a.votes);
	return { code: CODE, title: BENCH_EVENT.title, questions: list, votesSeq: seq };
}

const moderatorView = () => ({
	code: CODE,
	questions: [...questions.values()].map((q) => ({ ...publicQuestion(q), published: q.published }))
});

const http = createServer((_req, res) => {
	res.statusCode = 404;
	res.end();
});
const io = new Server(http, { transports: ['websocket'] });

type Ack = (res: object) => void;

io.on('connection', (socket: Socket) => {
	let participantId: string | null = null;
	socket.on('qa:join', (_p: unknown, ack: Ack) => {
		participantId = randomUUID();
		void socket.join('public');
		ack({ ok: true, token: participantId, participantId, view: publicView(), mine: [] });
	});
	socket.on('qa:attach', (_p: unknown, ack: Ack) => {
		void socket.join('moderators');
		ack({ ok: true, view: moderatorView() });
	});
	socket.on('qa:ask', (p: { text: string }, ack: Ack) => {
		const q: Question = {
			id: randomUUID(),
			text: String(p.text),
			createdAt: Date.now(),
			published: false,
			voters: new Set()
		};
		questions.set(q.id, q);
		io.to('moderators').emit('qa:moderator', moderatorView());
		ack({ ok: true, question: { id: q.id, status: 'pending' } });
	});
	socket.on('qa:moderate', (p: { questionId: string }, ack: Ack) => {
		const q = questions.get(p.questionId);
		if (!q) return ack({ ok: false, error: { code: 'QA_QUESTION_NOT_FOUND', message: '' } });
		q.published = true;
		io.to('public').emit('qa:view', publicView());
		ack({ ok: true, question: publicQuestion(q) });
	});
	const vote = (up: boolean) => (p: { questionId: string }, ack: Ack) => {
		const q = questions.get(p.questionId);
		if (!q || !q.published || participantId === null) {
			return ack({ ok: false, error: { code: 'QA_CANNOT_VOTE', message: '' } });
		}
		const had = q.voters.has(participantId);
		if (up) q.voters.add(participantId);
		else q.voters.delete(participantId);
		const isChange = had !== up;
		if (isChange) {
			seq++;
			changed.add(q.id);
		}
		ack({ ok: true, votes: q.voters.size, voted: up, changed: isChange });
	};
	socket.on('qa:vote', vote(true));
	socket.on('qa:unvote', vote(false));
});

setInterval(() => {
	if (changed.size === 0) return;
	const votes: Record<string, number> = {};
	for (const id of changed) votes[id] = questions.get(id)?.voters.size ?? 0;
	changed.clear();
	io.to(['public', 'moderators']).emit('qa:votes', { code: CODE, seq, votes });
}, FRAME_MS);

http.listen(0, '127.0.0.1', () => {
	const { port } = http.address() as AddressInfo;
	send({ type: 'ready', url: `http://127.0.0.1:${port}`, code: CODE, cookie: '' });
});
