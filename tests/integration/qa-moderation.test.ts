// Moderation as the audience and the panel see it: pre-moderation, the word filter's hold (even
// with pre-moderation off), rejection with a reason, answers with the expert's name, one pinned
// question, "up next", bans (the banned participant's questions and votes leave the public view)
// and closing the event.
import { describe, expect, it } from 'vitest';
import type { QaOwnQuestion, QaPublicView } from '../../src/lib/protocol';
import {
	connect,
	emitAck,
	expectFail,
	expectOk,
	liveModes,
	until,
	waitFor
} from '../support/server';
import { ask, joinPhone, panel, qaStage } from '../support/qa';

const modes = await liveModes('qa-moderation.test.ts');

describe.each(modes)('Q&A moderation with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa moderation (${mode.name})`, () => {
		const stage = qaStage(mode);

		/** The audience's view now, as a phone that resumes sees it. */
		async function publicNow(code: string): Promise<QaPublicView> {
			return stage.server.ctx.qa.publicView(code);
		}

		it('pre-moderation: the audience sees a question only once it is approved; the asker sees its status', async () => {
			const code = await stage.event({ preModeration: true });
			const asker = await joinPhone(stage.server, code);
			const watcher = await joinPhone(stage.server, code);
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const queued = waitFor(mod.socket, 'qa:moderator', (v) => v.questions.length === 1);
			const q = await ask(asker, '化工园区的应急预案多久演练一次？', { name: '李女士' });
			expect(q).toMatchObject({ status: 'pending', held: false });
			expect((await queued).questions[0]).toMatchObject({
				id: q.id,
				status: 'pending',
				authorName: '李女士'
			});
			expect((await publicNow(code)).questions).toEqual([]);

			const published = waitFor(watcher.socket, 'qa:view', (v) => v.questions.length === 1);
			const mine = waitFor(asker.socket, 'qa:mine', (m) => m.id === q.id);
			const approved = expectOk(
				await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: q.id })
			);
			expect(approved.question.status).toBe('published');
			expect((await published).questions[0]).toMatchObject({
				id: q.id,
				text: q.text,
				authorName: '李女士'
			});
			expect(await mine).toMatchObject({ status: 'published' });
			const resumed = expectOk(
				await emitAck(asker.socket, 'qa:resume', { code, token: asker.token })
			);
			expect(resumed.mine.map((m) => m.status)).toEqual(['published']);
		});

		it('the word filter holds a question without pre-moderation; moderators see what matched', async () => {
			const code = await stage.event();
			const asker = await joinPhone(stage.server, code);
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const q = await ask(asker, '法 轮 功怎么举报？');
			expect(q).toMatchObject({ status: 'pending', held: true });
			const view = expectOk(await emitAck(mod.socket, 'qa:attach', { code })).view;
			expect(view.questions.find((x) => x.id === q.id)).toMatchObject({
				status: 'pending',
				held: ['法轮功']
			});
			expect((await publicNow(code)).questions).toEqual([]);
			// A question without listed words is published at once.
			const clean = await ask(await joinPhone(stage.server, code), '消防通道被占用怎么办？');
			expect(clean).toMatchObject({ status: 'published', held: false });
			expect((await publicNow(code)).questions.map((x) => x.id)).toEqual([clean.id]);
		});

		it('reject with a reason reaches the asker; answer with the expert’s name reaches everyone', async () => {
			const code = await stage.event({ labels: ['消防', '危化品'] });
			const a = await joinPhone(stage.server, code);
			const b = await joinPhone(stage.server, code);
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const off = await ask(a, '今天天气怎么样？');
			const good = await ask(b, '危化品仓库能用普通灯具吗？', { label: '危化品' });
			const told = waitFor(a.socket, 'qa:mine', (m: QaOwnQuestion) => m.status === 'rejected');
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'reject',
					questionId: off.id,
					reason: '与本场主题无关'
				})
			);
			expect(await told).toMatchObject({ id: off.id, rejectReason: '与本场主题无关' });
			expect((await publicNow(code)).questions.map((x) => x.id)).toEqual([good.id]);

			const answered = waitFor(a.socket, 'qa:view', (v) => v.questions[0]?.status === 'answered');
			const expert = '市应急管理局 安全生产专家';
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'answer',
					questionId: good.id,
					text: '不能，必须使用防爆灯具。',
					expert
				})
			);
			expect((await answered).questions[0]).toMatchObject({
				id: good.id,
				label: '危化品',
				answer: { text: '不能，必须使用防爆灯具。', expert }
			});
			const tooLong = await emitAck(mod.socket, 'qa:moderate', {
				type: 'answer',
				questionId: good.id,
				text: '答'.repeat(1001),
				expert: null
			});
			expectFail(tooLong, 'QA_TEXT_LENGTH');
			expectFail(
				await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: good.id }),
				'QA_WRONG_STATUS'
			);
		});

		it('one pinned question at a time; up next holds published ones; an archived one leaves both', async () => {
			const code = await stage.event();
			const ids: string[] = [];
			for (let i = 0; i < 3; i++)
				ids.push((await ask(await joinPhone(stage.server, code), `问题${i}`)).id);
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const [x, y, z] = ids as [string, string, string];
			expect(
				expectOk(await emitAck(mod.socket, 'qa:event', { type: 'pin', questionId: x })).view
					.pinnedId
			).toBe(x);
			expect(
				expectOk(await emitAck(mod.socket, 'qa:event', { type: 'pin', questionId: y })).view
					.pinnedId
			).toBe(y);
			const queue = expectOk(
				await emitAck(mod.socket, 'qa:event', { type: 'upNext', questionIds: [z, y] })
			);
			expect(queue.view.upNext).toEqual([z, y]);
			expectOk(await emitAck(mod.socket, 'qa:moderate', { type: 'archive', questionId: y }));
			const after = await publicNow(code);
			expect(after).toMatchObject({ pinnedId: null, upNext: [z] });
			expect(after.questions.map((q) => q.id).sort()).toEqual([x, z].sort());
			expectFail(
				await emitAck(mod.socket, 'qa:event', { type: 'pin', questionId: y }),
				'QA_WRONG_STATUS'
			);
		});

		it('a ban takes the participant’s questions and votes out of the public view and stops them', async () => {
			const code = await stage.event();
			const bad = await joinPhone(stage.server, code);
			const good = await joinPhone(stage.server, code);
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			const spam = await ask(bad, '刷屏的问题');
			const real = await ask(good, '电动车能在楼道充电吗？');
			for (const p of [bad, good]) {
				expectOk(await emitAck(p.socket, 'qa:vote', { questionId: real.id }));
				expectOk(await emitAck(p.socket, 'qa:vote', { questionId: spam.id }));
			}
			const told = waitFor(bad.socket, 'qa:banned');
			const ban = expectOk(
				await emitAck(mod.socket, 'qa:ban', { participantId: bad.participantId })
			);
			expect(ban.removedVotes).toBe(2);
			await told;
			const view = await publicNow(code);
			expect(view.questions.map((q) => [q.id, q.votes])).toEqual([[real.id, 1]]);
			expectFail(await emitAck(bad.socket, 'qa:vote', { questionId: real.id }), 'QA_BANNED');
			expectFail(
				await emitAck(bad.socket, 'qa:ask', { text: '再问一个', name: null, label: null }),
				'QA_BANNED'
			);
			expectFail(await emitAck(good.socket, 'qa:vote', { questionId: spam.id }), 'QA_CANNOT_VOTE');
			// The ban follows the identity, on any socket.
			const other = await connect(stage.server.url);
			expectFail(await emitAck(other, 'qa:resume', { code, token: bad.token }), 'QA_BANNED');
			// The panel still sees the banned participant's question, marked, with the votes others gave.
			const modView = expectOk(await emitAck(mod.socket, 'qa:attach', { code })).view;
			expect(modView.questions.find((q) => q.id === spam.id)).toMatchObject({
				authorBanned: true,
				votes: 1
			});
			expect(modView.banned).toEqual([bad.participantId]);
		});

		it('a closed event takes no questions or votes until reopened', async () => {
			const code = await stage.event();
			const phone = await joinPhone(stage.server, code);
			const q = await ask(phone, '关闭前的问题');
			const mod = await panel(stage.server, stage.orgs.owner, code);
			const closedView = waitFor(phone.socket, 'qa:view', (v) => v.closed);
			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'close' }));
			await closedView;
			expectFail(await emitAck(phone.socket, 'qa:vote', { questionId: q.id }), 'QA_CLOSED');
			expectFail(
				await emitAck(phone.socket, 'qa:ask', { text: '还能问吗', name: null, label: null }),
				'QA_CLOSED'
			);
			// Moderators may still tidy up a closed event.
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', { type: 'star', questionId: q.id, starred: true })
			);
			expectOk(await emitAck(mod.socket, 'qa:event', { type: 'reopen' }));
			expectOk(await emitAck(phone.socket, 'qa:vote', { questionId: q.id }));
			await until(async () => (await publicNow(code)).questions[0]?.starred === true);
		});
	});
});
