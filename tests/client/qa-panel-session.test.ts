// A moderator's panel, driven by a fake socket: it attaches on every connection, a refusal ends it
// with the server's reason, vote and poll frames only move counts forward, and a command answered
// with the view applies it while a refused one is kept for the page's notice.
import { afterEach, describe, expect, it } from 'vitest';
import { PanelSession } from '../../src/lib/client/qa/panel-session.svelte';
import type { QaModeratorPoll, QaModeratorQuestion, QaModeratorView } from '../../src/lib/protocol';
import { qaQuestion } from '../support/qa-fixtures';
import { FakeSocket, settle } from './fake-socket';

const CODE = 'ABC234';
const question = (id: string, votes: number): QaModeratorQuestion => ({
	...qaQuestion(id, { participantId: `p-${id}`, createdAt: 1, updatedAt: 1 }),
	votes,
	authorBanned: false
});
const poll: QaModeratorPoll = {
	id: 'poll1',
	kind: 'words',
	question: '用一个词说说安全',
	options: [],
	maxChoices: 1,
	open: true,
	resultsVisible: false,
	results: { kind: 'words', words: [{ text: '灭火器', count: 2 }], respondents: 2 },
	seq: 4,
	onShow: true,
	createdAt: 1
};
const view = (patch: Partial<QaModeratorView> = {}): QaModeratorView => ({
	code: CODE,
	orgId: 'org1',
	title: '专家云问诊',
	description: '',
	startsAt: null,
	endsAt: null,
	closed: false,
	settings: {
		preModeration: true,
		anonymousAllowed: true,
		namesRequired: false,
		questionMaxLength: 300,
		labels: [],
		showVoteCounts: true
	},
	questions: [question('q1', 2)],
	pinnedId: null,
	upNext: [],
	votesSeq: 5,
	banned: [],
	staff: [],
	polls: [poll],
	...patch
});

let session: PanelSession | null = null;
afterEach(() => session?.close());

function start() {
	const socket = new FakeSocket();
	session = new PanelSession(socket.client, CODE, () => 0);
	session.listen();
	return { socket, session };
}

describe('Q&A panel session', () => {
	it('attaches on every connection and keeps the newest counts and results', async () => {
		const { socket, session } = start();
		socket.answer('qa:attach', () => ({ ok: true, view: view() }));
		socket.connect();
		await settle();
		expect(session.view?.questions[0]?.votes).toBe(2);
		socket.emit('qa:votes', { code: CODE, seq: 7, votes: { q1: 9 } });
		socket.emit('qa:votes', { code: CODE, seq: 6, votes: { q1: 3 } });
		expect(session.view?.questions[0]?.votes).toBe(9);
		const words = (n: number) => ({
			kind: 'words' as const,
			words: [{ text: '灭火器', count: n }],
			respondents: n
		});
		socket.emit('qa:poll', { code: CODE, pollId: 'poll1', seq: 6, results: words(5) });
		socket.emit('qa:poll', { code: CODE, pollId: 'poll1', seq: 5, results: words(3) });
		expect(session.polls[0]?.results).toEqual(words(5));
		socket.drop();
		socket.connect();
		await settle();
		expect(socket.sent('qa:attach')).toHaveLength(2);
	});

	it('ends with the server’s reason when the visitor may not moderate', async () => {
		const { socket, session } = start();
		socket.answer('qa:attach', () => ({
			ok: false,
			error: { code: 'QA_NOT_MODERATOR', message: '没有管理本场问答的权限' }
		}));
		socket.connect();
		await settle();
		expect(session.denied?.message).toBe('没有管理本场问答的权限');
	});

	it('applies a command’s view and keeps a refusal for the notice', async () => {
		const { socket, session } = start();
		socket
			.answer('qa:attach', () => ({ ok: true, view: view() }))
			.answer('qa:event', (p) =>
				(p as { type: string }).type === 'close'
					? { ok: true, view: view({ closed: true }) }
					: {
							ok: false,
							error: { code: 'QA_WRONG_STATUS', message: '这个问题当前的状态不能执行该操作' }
						}
			);
		socket.connect();
		await settle();
		expect((await session.command({ type: 'close' })).ok).toBe(true);
		expect(session.view?.closed).toBe(true);
		const refused = await session.command({ type: 'pin', questionId: 'q1' });
		expect(refused.ok).toBe(false);
		expect(session.lastError?.code).toBe('QA_WRONG_STATUS');
	});
});
