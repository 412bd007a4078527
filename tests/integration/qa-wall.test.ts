// The wall (big screen, OBS overlay) as it is fed: the public view on qa:watch, approved questions,
// the pinned one and vote frames as they happen; never a pending, held or rejected question, never
// who asked (a participant's id), and nothing it may do besides watching.
import { describe, expect, it } from 'vitest';
import { connect, emitAck, expectFail, expectOk, liveModes, waitFor } from '../support/server';
import { ask, joinPhone, panel, qaStage, watchWall } from '../support/qa';

const modes = await liveModes('qa-wall.test.ts');

describe.each(modes)('Q&A wall with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa wall (${mode.name})`, () => {
		const stage = qaStage(mode);

		it('gets the public view of a code as typed; an unknown code is not found', async () => {
			const code = await stage.event({ labels: ['消防'] });
			const wall = await watchWall(stage.server, code.toLowerCase());
			expect(wall.view).toMatchObject({
				code,
				title: '专家云问诊',
				closed: false,
				questions: [],
				pinnedId: null,
				poll: null,
				settings: { labels: ['消防'], showVoteCounts: true }
			});
			const other = await connect(stage.server.url);
			const missing = await emitAck(other, 'qa:watch', {
				code: code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ'
			});
			expect(expectFail(missing, 'QA_NOT_FOUND')).toBe('QA_NOT_FOUND');
			if (!missing.ok) expect(missing.error.message).toBe('活动不存在，请检查活动码');
			expectFail(await emitAck(other, 'qa:watch', { code: '!' }), 'BAD_REQUEST');
		});

		it('sees approved questions, the pin and votes; never held, pending or rejected ones, nor who asked', async () => {
			const code = await stage.event({ preModeration: true });
			const wall = await watchWall(stage.server, code);
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const asker = await joinPhone(stage.server, code);
			const rejectedAsker = await joinPhone(stage.server, code);
			const heldAsker = await joinPhone(stage.server, code);
			const voter = await joinPhone(stage.server, code);

			const good = await ask(asker, '液化气钢瓶能放在地下室吗？', { name: '王师傅' });
			const bad = await ask(rejectedAsker, '和主题无关的广告');
			const held = await ask(heldAsker, '法 轮 功怎么举报？');
			expect(held).toMatchObject({ status: 'pending', held: true });

			const approved = waitFor(wall.socket, 'qa:view', (v) => v.questions.length === 1);
			expectOk(await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: good.id }));
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'reject',
					questionId: bad.id,
					reason: '与本场主题无关'
				})
			);
			expect((await approved).questions[0]).toMatchObject({
				id: good.id,
				text: '液化气钢瓶能放在地下室吗？',
				authorName: '王师傅',
				status: 'published',
				votes: 0
			});

			const pinned = waitFor(wall.socket, 'qa:view', (v) => v.pinnedId === good.id);
			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'pin', questionId: good.id }));
			await pinned;

			const counted = waitFor(wall.socket, 'qa:votes', (f) => f.votes[good.id] === 2);
			expectOk(await emitAck(voter.socket, 'qa:vote', { questionId: good.id }));
			expectOk(await emitAck(asker.socket, 'qa:vote', { questionId: good.id }));
			const frame = await counted;
			expect(frame).toMatchObject({ code, votes: { [good.id]: 2 } });
			expect(frame.seq).toBeGreaterThan(wall.view.votesSeq);

			const answered = waitFor(
				wall.socket,
				'qa:view',
				(v) => v.questions[0]?.status === 'answered'
			);
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'answer',
					questionId: good.id,
					text: '不能，液化气比空气重，泄漏后积聚在低处。',
					expert: '市应急管理局 安全生产专家'
				})
			);
			expect((await answered).questions[0]).toMatchObject({
				answer: {
					text: '不能，液化气比空气重，泄漏后积聚在低处。',
					expert: '市应急管理局 安全生产专家'
				}
			});

			// Everything the wall received: the published question only, and no participant's id.
			const all = JSON.stringify([wall.view, ...wall.views, ...wall.votes]);
			for (const hidden of [bad.id, bad.text, held.id, held.text, '法轮功', '与本场主题无关'])
				expect(all).not.toContain(hidden);
			for (const p of [asker, rejectedAsker, heldAsker, voter]) {
				expect(all).not.toContain(p.participantId);
				expect(all).not.toContain(p.token);
			}
			for (const v of wall.views) expect(v.questions.map((q) => q.id)).toEqual([good.id]);
		});

		it('gets no counts when the event hides them', async () => {
			const code = await stage.event({ showVoteCounts: false });
			const wall = await watchWall(stage.server, code);
			const phone = await joinPhone(stage.server, code);
			const q = await ask(phone, '灭火器多久检查一次？');
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const counted = waitFor(mod.socket, 'qa:votes', (f) => f.votes[q.id] === 1);
			expectOk(await emitAck(phone.socket, 'qa:vote', { questionId: q.id }));
			await counted;
			// A view sent after the count's frame: had the wall been sent the frame, it came first.
			const pinned = waitFor(wall.socket, 'qa:view', (v) => v.pinnedId === q.id);
			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'pin', questionId: q.id }));
			expect((await pinned).questions.map((x) => x.votes)).toEqual([null]);
			expect(wall.votes).toEqual([]);
			expect(wall.views.flatMap((v) => v.questions.map((x) => x.votes))).not.toContain(1);
		});

		it('a wall can only watch: no asking or voting, no other identity on its connection', async () => {
			const code = await stage.event();
			const phone = await joinPhone(stage.server, code);
			const q = await ask(phone, '电动自行车能进电梯吗？');
			const wall = await watchWall(stage.server, code);
			expectFail(
				await emitAck(wall.socket, 'qa:ask', { text: '大屏提问', name: null, label: null }),
				'QA_NOT_JOINED'
			);
			expectFail(await emitAck(wall.socket, 'qa:vote', { questionId: q.id }), 'QA_NOT_JOINED');
			expectFail(await emitAck(wall.socket, 'qa:join', { code }), 'BAD_REQUEST');
			expectFail(await emitAck(wall.socket, 'qa:event', { type: 'close' }), 'QA_NOT_MODERATOR');
			// Watching again (the page re-watches on every connection) is the same binding.
			expectOk(await emitAck(wall.socket, 'qa:watch', { code }));
			const other = await stage.event();
			expectFail(await emitAck(wall.socket, 'qa:watch', { code: other }), 'BAD_REQUEST');
			const closed = waitFor(wall.socket, 'qa:view', (v) => v.closed);
			const mod = await panel(stage.server, stage.orgs.owner, code);
			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' }));
			expect((await closed).questions.map((x) => x.id)).toEqual([q.id]);
		});
	});
});
