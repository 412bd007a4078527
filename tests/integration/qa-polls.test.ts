// Quick polls and word clouds in a Q&A event, end to end over sockets: a moderator creates and
// opens a poll, phones answer at once and are counted exactly, results reach the phones only
// while the host shows them, an answer given again replaces the first, a word cloud counts
// normalised words and refuses a flagged one, a closed poll refuses, resume returns a phone's
// answers, nobody outside the organisation runs polls, and a ban takes the answer back.
import { describe, expect, it } from 'vitest';
import type { QaPollFrame, QaPollResults } from '../../src/lib/protocol';
import { SessionError } from '../../src/lib/server/kernel/session-error';
import {
	connect,
	emitAck,
	expectFail,
	expectOk,
	liveModes,
	until,
	waitFor,
	type ClientSocket
} from '../support/server';
import { joinPhone, joinPhones, panel, qaStage, type Phone } from '../support/qa';

const modes = await liveModes('qa-polls.test.ts');

const PHONES = 50;

/** The newest results each poll's frames gave this socket (by the frames' sequence). */
function watchResults(socket: ClientSocket) {
	const last = new Map<string, QaPollFrame>();
	let frames = 0;
	socket.on('qa:poll', (f: QaPollFrame) => {
		frames++;
		const before = last.get(f.pollId);
		if (!before || f.seq > before.seq) last.set(f.pollId, f);
	});
	return {
		results: (pollId: string): QaPollResults | undefined => last.get(pollId)?.results,
		get frames() {
			return frames;
		}
	};
}

const counts = (r: QaPollResults | null | undefined) => (r?.kind === 'choice' ? r.counts : null);

describe.each(modes)('Q&A polls with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa polls (${mode.name})`, () => {
		const stage = qaStage(mode);

		async function openPoll(
			mod: { socket: ClientSocket },
			phones: Phone[],
			create: {
				kind: 'single' | 'multiple' | 'words';
				question: string;
				options: string[];
				maxChoices?: number;
			}
		) {
			const made = expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'create', ...create }));
			const pollId = made.poll!.id;
			const shown = phones.map((p) =>
				waitFor(p.socket, 'qa:view', (v) => v.poll?.id === pollId && v.poll.open)
			);
			const opened = expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'open', pollId }));
			const views = await Promise.all(shown);
			return { pollId, made: made.poll!, opened: opened.poll!, views };
		}

		it(`${PHONES} phones answer a choice poll at once: exact results, hidden until shown, answers replaced`, async () => {
			const code = await stage.event();
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const phones = await joinPhones(stage.server, code, PHONES);
			const { pollId, made, opened, views } = await openPoll(mod, phones, {
				kind: 'single',
				question: '家里最该备哪种灭火器？',
				options: ['干粉', '水基', '二氧化碳']
			});
			expect(made).toMatchObject({
				open: false,
				onShow: false,
				resultsVisible: false,
				maxChoices: 1
			});
			expect(counts(made.results)).toEqual([0, 0, 0]);
			expect(opened).toMatchObject({ open: true, onShow: true });
			// Results hidden: the phones see the poll and its options, not the counts.
			expect(views[0]!.poll).toMatchObject({
				id: pollId,
				kind: 'single',
				question: '家里最该备哪种灭火器？',
				options: ['干粉', '水基', '二氧化碳'],
				open: true,
				resultsVisible: false,
				results: null
			});

			const panelSeen = watchResults(mod.socket);
			const phoneSeen = phones.map((p) => watchResults(p.socket));
			const acks = await Promise.all(
				phones.map((p, i) => emitAck(p.socket, 'qa:respond', { pollId, choices: [i % 3] }, 20_000))
			);
			expect(acks.filter((a) => !a.ok)).toEqual([]);
			expect(expectOk(acks[4]!).response).toEqual({ pollId, choices: [1], words: [] });

			const exact = [17, 17, 16];
			const tally = await stage.server.ctx.qaStore.pollTally(code, pollId);
			expect(tally).toMatchObject({ respondents: PHONES, counts: { '0': 17, '1': 17, '2': 16 } });
			await until(
				() => counts(panelSeen.results(pollId))?.join() === exact.join(),
				10_000,
				'the panel’s results'
			);
			expect(panelSeen.results(pollId)!.respondents).toBe(PHONES);
			// The panel's last frame came from the flush that would have reached the phones.
			expect(phoneSeen.map((s) => s.frames)).toEqual(phones.map(() => 0));
			const resumed = expectOk(
				await emitAck(phones[5]!.socket, 'qa:resume', { code, token: phones[5]!.token })
			);
			expect(resumed.view.poll?.results).toBeNull();
			expect(resumed.responses).toEqual([{ pollId, choices: [2], words: [] }]);

			// The host shows the results: every phone's view has them, exact.
			const withResults = phones.map((p) =>
				waitFor(p.socket, 'qa:view', (v) => v.poll?.resultsVisible === true)
			);
			expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'results', pollId, visible: true }));
			for (const v of await Promise.all(withResults))
				expect(counts(v.poll!.results)).toEqual(exact);

			// A phone changes its mind: its answer moves from the first option to the third, and the
			// frames the phones now receive say so.
			expectOk(await emitAck(phones[0]!.socket, 'qa:respond', { pollId, choices: [2] }));
			const moved = [16, 17, 17];
			await until(
				() => phoneSeen.every((s) => counts(s.results(pollId))?.join() === moved.join()),
				10_000,
				'the phones’ results after an answer changed'
			);
			expect(phoneSeen[0]!.results(pollId)!.respondents).toBe(PHONES);
			// The same answer again changes nothing.
			expectOk(await emitAck(phones[0]!.socket, 'qa:respond', { pollId, choices: [2] }));
			expect((await stage.server.ctx.qaStore.pollTally(code, pollId)).counts).toEqual({
				'0': 16,
				'1': 17,
				'2': 17
			});
			// A second choice in a single-choice poll is refused, with what to do instead.
			const two = await emitAck(phones[1]!.socket, 'qa:respond', { pollId, choices: [0, 1] });
			expectFail(two, 'QA_POLL_BAD_ANSWER');
			expect(two.ok ? '' : two.error.message).toBe('请选择 1 项');

			// Closed: answers are refused and nothing moves; the poll stays on show.
			const closed = expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'close', pollId }));
			expect(closed.poll).toMatchObject({ open: false, onShow: true });
			const late = await emitAck(phones[1]!.socket, 'qa:respond', { pollId, choices: [0] });
			expectFail(late, 'QA_POLL_CLOSED');
			expect(late.ok ? '' : late.error.message).toBe('投票已结束');
			const view = expectOk(await emitAck(mod.socket, 'qa:attach', { code })).view;
			expect(view.polls).toHaveLength(1);
			expect(view.polls[0]).toMatchObject({ id: pollId, open: false, onShow: true });
			expect(counts(view.polls[0]!.results)).toEqual(moved);
		}, 120_000);

		it('a word cloud counts normalised words once per phone and refuses a flagged word', async () => {
			const code = await stage.event();
			const mod = await panel(stage.server, stage.orgs.owner, code);
			const phones = await joinPhones(stage.server, code, 6);
			const { pollId, opened } = await openPoll(mod, phones, {
				kind: 'words',
				question: '用一个词说说你家的应急准备',
				options: [],
				maxChoices: 2
			});
			expect(opened).toMatchObject({ kind: 'words', options: [], maxChoices: 2 });
			expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'results', pollId, visible: true }));
			const seen = watchResults(phones[5]!.socket);

			const answers = [['灭火器 ', 'AED'], ['灭火器'], ['aed', '“逃生！”'], ['ＡＥＤ', 'aed']];
			const acks = await Promise.all(
				answers.map((words, i) => emitAck(phones[i]!.socket, 'qa:respond', { pollId, words }))
			);
			expect(acks.map((a) => expectOk(a).response.words)).toEqual([
				['aed', '灭火器'],
				['灭火器'],
				['aed', '逃生'],
				['aed']
			]);
			const blocked = await emitAck(phones[4]!.socket, 'qa:respond', {
				pollId,
				words: ['安全', '傻逼']
			});
			expectFail(blocked, 'QA_WORD_BLOCKED');
			expect(blocked.ok ? '' : blocked.error.message).toBe('这个词不适合展示，请换一个');
			expectFail(
				await emitAck(phones[4]!.socket, 'qa:respond', { pollId, choices: [0] }),
				'QA_POLL_BAD_ANSWER'
			);
			expectFail(
				await emitAck(phones[4]!.socket, 'qa:respond', { pollId, words: ['一', '二', '三'] }),
				'QA_POLL_BAD_ANSWER'
			);

			const expected = {
				kind: 'words',
				words: [
					{ text: 'aed', count: 3 },
					{ text: '灭火器', count: 2 },
					{ text: '逃生', count: 1 }
				],
				respondents: 4
			};
			await until(
				() => JSON.stringify(seen.results(pollId)) === JSON.stringify(expected),
				10_000,
				'the word cloud on a phone'
			);
			// A phone that joins now gets the word cloud with its view.
			const late = await joinPhone(stage.server, code);
			const watched = late.view;
			expect(watched.poll?.results).toEqual(expected);
		});

		it('resume returns each answer; a ban takes the answer back out of the results', async () => {
			const code = await stage.event();
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const phones = await joinPhones(stage.server, code, 3);
			const { pollId } = await openPoll(mod, phones, {
				kind: 'multiple',
				question: '哪些要放进应急包？',
				options: ['手电筒', '饮用水', '急救包', '收音机'],
				maxChoices: 2
			});
			const panelSeen = watchResults(mod.socket);
			const picks = [[0, 1], [1], [1, 3]];
			for (const [i, choices] of picks.entries()) {
				expectOk(await emitAck(phones[i]!.socket, 'qa:respond', { pollId, choices }));
			}
			const resumed = expectOk(
				await emitAck(phones[2]!.socket, 'qa:resume', { code, token: phones[2]!.token })
			);
			expect(resumed.responses).toEqual([{ pollId, choices: [1, 3], words: [] }]);
			await until(() => counts(panelSeen.results(pollId))?.join() === '1,3,0,1', 10_000, 'counts');

			const banned = waitFor(phones[2]!.socket, 'qa:banned');
			expectOk(await emitAck(mod.socket, 'qa:ban', { participantId: phones[2]!.participantId }));
			await banned;
			await until(
				() => counts(panelSeen.results(pollId))?.join() === '1,2,0,0',
				10_000,
				'the counts after the ban'
			);
			expect(panelSeen.results(pollId)!.respondents).toBe(2);
			expect(await stage.server.ctx.qaStore.responsesOf(code, phones[2]!.participantId)).toEqual(
				{}
			);
			expectFail(
				await emitAck(phones[2]!.socket, 'qa:respond', { pollId, choices: [0] }),
				'QA_BANNED'
			);
		});

		it('one poll on show at a time; a poll on show is taken off before it is deleted', async () => {
			const code = await stage.event();
			const mod = await panel(stage.server, stage.orgs.owner, code);
			const [phone] = await joinPhones(stage.server, code, 1);
			const first = await openPoll(mod, [phone!], {
				kind: 'single',
				question: '第一题',
				options: ['是', '否']
			});
			const second = await openPoll(mod, [phone!], {
				kind: 'single',
				question: '第二题',
				options: ['是', '否']
			});
			const polls = expectOk(await emitAck(mod.socket, 'qa:attach', { code })).view.polls;
			expect(polls.map((p) => [p.id, p.onShow, p.open])).toEqual([
				[second.pollId, true, true],
				[first.pollId, false, false]
			]);
			expectFail(
				await emitAck(phone!.socket, 'qa:respond', { pollId: first.pollId, choices: [0] }),
				'QA_POLL_CLOSED'
			);
			expectFail(
				await emitAck(mod.socket, 'qa:poll', { type: 'delete', pollId: second.pollId }),
				'QA_POLL_ON_SHOW'
			);
			const hidden = waitFor(phone!.socket, 'qa:view', (v) => v.poll === null);
			const off = expectOk(
				await emitAck(mod.socket, 'qa:poll', { type: 'hide', pollId: second.pollId })
			);
			expect(off.poll).toMatchObject({ onShow: false, open: false });
			await hidden;
			expect(
				expectOk(await emitAck(mod.socket, 'qa:poll', { type: 'delete', pollId: second.pollId }))
					.poll
			).toBeNull();
			expectFail(
				await emitAck(mod.socket, 'qa:poll', { type: 'open', pollId: second.pollId }),
				'QA_POLL_NOT_FOUND'
			);
			expect(
				expectOk(await emitAck(mod.socket, 'qa:attach', { code })).view.polls.map((p) => p.id)
			).toEqual([first.pollId]);
			// A poll the rules refuse gets a clear reason.
			const bad = await emitAck(mod.socket, 'qa:poll', {
				type: 'create',
				kind: 'single',
				question: '只有一个选项',
				options: ['是']
			});
			expectFail(bad, 'QA_POLL_OPTIONS');
		});

		it('a closed event refuses answers; outsiders and phones cannot run polls', async () => {
			const code = await stage.event();
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const [phone] = await joinPhones(stage.server, code, 1);
			const { pollId } = await openPoll(mod, [phone!], {
				kind: 'single',
				question: '关闭之后',
				options: ['是', '否']
			});
			const commands = [
				{ type: 'create', kind: 'words', question: '冒名', options: [] },
				{ type: 'open', pollId },
				{ type: 'results', pollId, visible: true },
				{ type: 'delete', pollId }
			] as const;
			const outsider = await connect(stage.server.url, undefined, {
				cookie: stage.orgs.outsider.cookie
			});
			for (const c of commands) {
				expectFail(await emitAck(outsider, 'qa:poll', c), 'QA_NOT_MODERATOR');
				expectFail(await emitAck(phone!.socket, 'qa:poll', c), 'QA_NOT_MODERATOR');
			}
			await expect(
				stage.server.ctx.qa.polls.command(code, stage.orgs.outsider.id, {
					type: 'results',
					pollId,
					visible: true
				})
			).rejects.toThrow(SessionError);
			const anonymous = await connect(stage.server.url);
			expectFail(await emitAck(anonymous, 'qa:respond', { pollId, choices: [0] }), 'QA_NOT_JOINED');
			expect(await stage.server.ctx.qaStore.getPoll(code, pollId)).toMatchObject({
				resultsVisible: false
			});

			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' }));
			expectFail(await emitAck(phone!.socket, 'qa:respond', { pollId, choices: [0] }), 'QA_CLOSED');
			expect((await stage.server.ctx.qaStore.pollTally(code, pollId)).respondents).toBe(0);
		});
	});
});
