// An event's staff: the hosts (its creator, the organisation's owners and admins) add members of
// the organisation as moderators or experts. A colleague not on the staff reaches no panel; an
// expert answers (named by their title) but does not approve or ban; a moderator approves; one
// taken off the staff loses the panel at their next action; nobody outside the organisation can
// be added. Hosts change the settings and the details, and the audience sees them.
import { describe, expect, it } from 'vitest';
import { connect, emitAck, expectFail, expectOk, liveModes, waitFor } from '../support/server';
import { ask, joinPhone, panel, qaStage } from '../support/qa';

const modes = await liveModes('qa-staff.test.ts');
const TITLE = '市应急管理局 安全生产专家';

describe.each(modes)('Q&A staff with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa staff (${mode.name})`, () => {
		const stage = qaStage(mode);
		const colleague = () => stage.orgs.colleague;

		async function attachAs(who: { cookie: string }, code: string) {
			const socket = await connect(stage.server.url, undefined, { cookie: who.cookie });
			return { socket, res: await emitAck(socket, 'qa:attach', { code }) };
		}

		it('a colleague not on the staff is refused; added as expert they answer under their title but do not approve or ban', async () => {
			const code = await stage.event({ preModeration: true }, { colleague: null });
			const refused = await attachAs(colleague(), code);
			expectFail(refused.res, 'QA_NOT_MODERATOR');

			const host = await panel(stage.server, stage.orgs.owner, code);
			expect(host).toMatchObject({ role: 'host', title: null });
			expect(host.view.staff).toEqual([]);
			const listed = waitFor(host.socket, 'qa:moderator', (v) => v.staff.length === 1);
			const added = expectOk(
				await emitAck(host.socket, 'qa:staff', {
					type: 'set',
					userId: colleague().id,
					role: 'expert',
					title: TITLE
				})
			);
			expect(added.staff).toEqual([
				{
					userId: colleague().id,
					role: 'expert',
					title: TITLE,
					displayName: expect.stringMatching(/^expert\d+$/)
				}
			]);
			expect((await listed).staff).toEqual(added.staff);

			const expert = await panel(stage.server, colleague(), code);
			expect(expert).toMatchObject({ role: 'expert', title: TITLE });
			const asker = await joinPhone(stage.server, code);
			const pending = await ask(asker, '液化气钢瓶放在阳台安全吗？');
			expectFail(
				await emitAck(expert.socket, 'qa:moderate', { type: 'approve', questionId: pending.id }),
				'QA_NOT_MODERATOR'
			);
			expectFail(
				await emitAck(expert.socket, 'qa:ban', { participantId: asker.participantId }),
				'QA_NOT_MODERATOR'
			);
			expectFail(await emitAck(expert.socket, 'qa:event', { type: 'close' }), 'QA_NOT_MODERATOR');
			expectFail(
				await emitAck(expert.socket, 'qa:staff', { type: 'remove', userId: colleague().id }),
				'QA_NOT_MODERATOR'
			);
			expect((await stage.server.ctx.qaStore.getQuestion(code, pending.id))?.status).toBe(
				'pending'
			);

			expectOk(
				await emitAck(host.socket, 'qa:moderate', { type: 'approve', questionId: pending.id })
			);
			const mine = waitFor(asker.socket, 'qa:mine', (m) => m.status === 'answered');
			const answered = expectOk(
				await emitAck(expert.socket, 'qa:moderate', {
					type: 'answer',
					questionId: pending.id,
					text: '不安全，钢瓶应放在通风的室内，远离火源。',
					expert: null
				})
			);
			expect(answered.question.answer).toMatchObject({ expert: TITLE });
			expect((await mine).answer).toMatchObject({ expert: TITLE });
			expectOk(
				await emitAck(expert.socket, 'qa:moderate', {
					type: 'star',
					questionId: pending.id,
					starred: true
				})
			);
			expectOk(await emitAck(expert.socket, 'qa:event', { type: 'pin', questionId: pending.id }));
			const view = await stage.server.ctx.qa.publicView(code);
			expect(view.pinnedId).toBe(pending.id);
			expect(view.questions[0]?.answer?.expert).toBe(TITLE);
		});

		it('as moderator they approve and ban but change no settings; taken off the staff they lose the panel', async () => {
			const code = await stage.event({ preModeration: true }, { colleague: 'expert' });
			const host = await panel(stage.server, stage.orgs.owner, code);
			expectOk(
				await emitAck(host.socket, 'qa:staff', {
					type: 'set',
					userId: colleague().id,
					role: 'moderator',
					title: null
				})
			);
			const mod = await panel(stage.server, colleague(), code);
			expect(mod).toMatchObject({ role: 'moderator', title: null });
			const asker = await joinPhone(stage.server, code);
			const q = await ask(asker, '工厂的消防通道可以堆放货物吗？');
			expectOk(await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: q.id }));
			expectFail(
				await emitAck(mod.socket, 'qa:event', {
					type: 'settings',
					settings: { preModeration: false }
				}),
				'QA_NOT_MODERATOR'
			);
			expectFail(
				await emitAck(mod.socket, 'qa:event', {
					type: 'details',
					title: '改名',
					description: '',
					startsAt: null,
					endsAt: null
				}),
				'QA_NOT_MODERATOR'
			);

			// Taken off the staff, their open panel is closed at once (held questions and askers'
			// ids stop reaching it), and every way back is refused.
			const closed = new Promise<string>((r) => mod.socket.once('disconnect', r));
			const removed = expectOk(
				await emitAck(host.socket, 'qa:staff', { type: 'remove', userId: colleague().id })
			);
			expect(removed.staff).toEqual([]);
			expect(await closed).toBe('io server disconnect');
			await expect(
				stage.server.ctx.qa.moderate(code, colleague().id, q.id, { type: 'archive' })
			).rejects.toMatchObject({ code: 'QA_NOT_MODERATOR' });
			await expect(
				stage.server.ctx.qa.ban(code, colleague().id, asker.participantId)
			).rejects.toMatchObject({ code: 'QA_NOT_MODERATOR' });
			expect((await stage.server.ctx.qaStore.getQuestion(code, q.id))?.status).toBe('published');
			expectFail((await attachAs(colleague(), code)).res, 'QA_NOT_MODERATOR');
			// The host's own panel stays open.
			expect(host.socket.connected).toBe(true);
			expectFail(
				await emitAck(host.socket, 'qa:staff', { type: 'remove', userId: colleague().id }),
				'QA_STAFF_NOT_FOUND'
			);
		});

		it('nobody outside the organisation, and no unknown user, can be added; bad titles are refused plainly', async () => {
			const code = await stage.event({}, { colleague: null });
			const host = await panel(stage.server, stage.orgs.owner, code);
			const set = (userId: string, title: string | null = null) =>
				emitAck(host.socket, 'qa:staff', { type: 'set', userId, role: 'expert', title });
			const outsider = expectFail(await set(stage.orgs.outsider.id), 'QA_STAFF_NOT_MEMBER');
			expect(outsider).toBe('QA_STAFF_NOT_MEMBER');
			expectFail(await set('no-such-user'), 'QA_STAFF_UNKNOWN_USER');
			expectFail(await set(colleague().id, '专'.repeat(61)), 'QA_STAFF_TITLE');
			expectFail(
				await emitAck(host.socket, 'qa:staff', {
					type: 'set',
					userId: colleague().id,
					role: 'owner'
				} as never),
				'BAD_REQUEST'
			);
			expect((await stage.server.ctx.qaStore.getEvent(code))?.staff).toEqual([]);
			// The outsider's own panel stays shut too.
			expectFail((await attachAs(stage.orgs.outsider, code)).res, 'QA_NOT_MODERATOR');
		});

		it('an admin of the organisation hosts an event someone else opened', async () => {
			const code = await stage.event({}, { colleague: null });
			const { ctx } = stage.server;
			await ctx.orgs.changeRole(stage.orgs.owner.id, stage.orgs.orgId, colleague().id, 'admin');
			try {
				const admin = await panel(stage.server, colleague(), code);
				expect(admin.role).toBe('host');
				expectOk(
					await emitAck(admin.socket, 'qa:staff', {
						type: 'set',
						userId: stage.orgs.owner.id,
						role: 'expert',
						title: null
					})
				);
			} finally {
				await ctx.orgs.changeRole(stage.orgs.owner.id, stage.orgs.orgId, colleague().id, 'host');
			}
		});

		it('the hosts’ settings and details reach the audience; wrong ones are refused with a reason', async () => {
			const code = await stage.event();
			const host = await panel(stage.server, stage.orgs.owner, code);
			const phone = await joinPhone(stage.server, code);
			expect(phone.view.settings.showVoteCounts).toBe(true);

			const hidden = waitFor(phone.socket, 'qa:view', (v) => !v.settings.showVoteCounts);
			const changed = expectOk(
				await emitAck(host.socket, 'qa:event', {
					type: 'settings',
					settings: { showVoteCounts: false, labels: ['消防', '危化品'] }
				})
			);
			expect(changed.view.settings).toMatchObject({
				showVoteCounts: false,
				labels: ['消防', '危化品']
			});
			expect((await hidden).settings.labels).toEqual(['消防', '危化品']);

			const startsAt = Date.UTC(2026, 5, 16, 1);
			const retitled = waitFor(phone.socket, 'qa:view', (v) => v.title === '6·16 专家云问诊');
			expectOk(
				await emitAck(host.socket, 'qa:event', {
					type: 'details',
					title: '  6·16\u200b 专家云问诊 ',
					description: '安全生产月 <b>直播</b>',
					startsAt,
					endsAt: startsAt + 2 * 3600_000
				})
			);
			expect(await retitled).toMatchObject({
				description: '安全生产月 <b>直播</b>',
				startsAt,
				endsAt: startsAt + 2 * 3600_000
			});

			const late = expectFail(
				await emitAck(host.socket, 'qa:event', {
					type: 'details',
					title: '时间颠倒',
					description: '',
					startsAt,
					endsAt: startsAt - 1
				}),
				'BAD_REQUEST'
			);
			expect(late).toBe('BAD_REQUEST');
			const empty = await emitAck(host.socket, 'qa:event', {
				type: 'details',
				title: '\u200b',
				description: '',
				startsAt: null,
				endsAt: null
			});
			expectFail(empty, 'BAD_REQUEST');
			expect(empty.ok === false && empty.error.message).toContain('标题');
			expectFail(
				await emitAck(host.socket, 'qa:event', {
					type: 'settings',
					settings: { questionMaxLength: 100_000 }
				}),
				'BAD_REQUEST'
			);
			expect((await stage.server.ctx.qa.publicView(code)).title).toBe('6·16 专家云问诊');
		});
	});
});
