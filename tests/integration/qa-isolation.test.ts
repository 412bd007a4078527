// Everything of a Q&A event is its organisation's: nobody outside it reaches the panel (held,
// pending or rejected questions, who asked what), a member removed from the organisation loses
// it at once, and the public only ever receives published questions.
import { describe, expect, it } from 'vitest';
import type { QaPublicView } from '../../src/lib/protocol';
import { SessionError } from '../../src/lib/server/kernel/session-error';
import { connect, emitAck, expectFail, expectOk, liveModes, until } from '../support/server';
import { ask, joinPhone, panel, qaStage } from '../support/qa';

const modes = await liveModes('qa-isolation.test.ts');

describe.each(modes)('Q&A isolation with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa isolation (${mode.name})`, () => {
		const stage = qaStage(mode);

		it('a member of another organisation, or nobody signed in, cannot open the panel or an event there', async () => {
			const code = await stage.event({ preModeration: true });
			await ask(await joinPhone(stage.server, code), '待审核');
			const outsider = await connect(stage.server.url, undefined, {
				cookie: stage.orgs.outsider.cookie
			});
			expectFail(await emitAck(outsider, 'qa:attach', { code }), 'QA_NOT_MODERATOR');
			for (const ev of ['qa:moderate', 'qa:event', 'qa:ban'] as const) {
				const payload =
					ev === 'qa:moderate'
						? { type: 'approve', questionId: 'x' }
						: ev === 'qa:event'
							? { type: 'close' }
							: { participantId: 'x' };
				expectFail(await emitAck(outsider, ev, payload), 'QA_NOT_MODERATOR');
			}
			const anonymous = await connect(stage.server.url);
			expectFail(await emitAck(anonymous, 'qa:attach', { code }), 'NOT_SIGNED_IN');
			await expect(
				stage.server.ctx.qa.createEvent(stage.orgs.outsider.id, stage.orgs.orgId, {
					title: '冒名的活动'
				})
			).rejects.toThrow(SessionError);
			expect((await stage.server.ctx.qaStore.getEvent(code))?.closed).toBe(false);
		});

		it('a member removed from the organisation loses the open panel at once, and every action after', async () => {
			const code = await stage.event();
			const q = await ask(await joinPhone(stage.server, code), '移除成员之后');
			const mod = await panel(stage.server, stage.orgs.colleague, code);
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', { type: 'star', questionId: q.id, starred: true })
			);
			const closed = new Promise<string>((resolve) => mod.socket.once('disconnect', resolve));
			await stage.server.ctx.orgs.remove(
				stage.orgs.owner.id,
				stage.orgs.orgId,
				stage.orgs.colleague.id
			);
			try {
				expect(await closed).toBe('io server disconnect');
				// An action that outran the close (another process, say) is refused by the service too.
				await expect(
					stage.server.ctx.qa.moderate(code, stage.orgs.colleague.id, q.id, { type: 'archive' })
				).rejects.toMatchObject({ code: 'QA_NOT_MODERATOR' });
				expect((await stage.server.ctx.qaStore.getQuestion(code, q.id))?.status).toBe('published');
			} finally {
				const { token } = await stage.server.ctx.orgs.invite(
					stage.orgs.owner.id,
					stage.orgs.orgId,
					'host'
				);
				await stage.server.ctx.orgs.accept(stage.orgs.colleague.id, token);
			}
		});

		it('the public never receives pending, held or rejected questions, the matches or the askers’ ids', async () => {
			const code = await stage.event({ preModeration: true });
			const watcher = await joinPhone(stage.server, code);
			const frames: QaPublicView[] = [];
			const raw: string[] = [];
			watcher.socket.on('qa:view', (v) => frames.push(v));
			watcher.socket.onAny((name: string, arg: unknown) =>
				raw.push(`${name} ${JSON.stringify(arg)}`)
			);
			const mod = await panel(stage.server, stage.orgs.colleague, code);

			const asker = await joinPhone(stage.server, code);
			const pending = await ask(asker, '一直待审核的问题');
			const held = await ask(await joinPhone(stage.server, code), '法轮功相关');
			const rejected = await ask(await joinPhone(stage.server, code), '会被拒绝的问题');
			const approved = await ask(await joinPhone(stage.server, code), '会被通过的问题');
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'reject',
					questionId: rejected.id,
					reason: '重复'
				})
			);
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: approved.id })
			);
			// Approved, then rejected after all: it leaves the public view again.
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', { type: 'approve', questionId: rejected.id })
			);
			expectOk(
				await emitAck(mod.socket, 'qa:moderate', {
					type: 'reject',
					questionId: rejected.id,
					reason: '复核未通过'
				})
			);
			await until(
				() =>
					frames
						.at(-1)
						?.questions.map((q) => q.id)
						.join() === approved.id,
				5000,
				'the last public view'
			);
			const hidden = [pending.id, held.id];
			for (const f of frames) {
				for (const q of f.questions) {
					expect(hidden).not.toContain(q.id);
					expect(q).not.toHaveProperty('participantId');
					expect(q).not.toHaveProperty('held');
				}
			}
			const all = raw.join('\n');
			expect(all).not.toContain('qa:moderator');
			for (const id of hidden) expect(all).not.toContain(id);
			expect(all).not.toContain('法轮功');
			expect(all).not.toContain(asker.participantId);
			expect(all).not.toContain('复核未通过');
			// The asker alone is told of their own question's status.
			const mine = expectOk(
				await emitAck(asker.socket, 'qa:resume', { code, token: asker.token })
			).mine;
			expect(mine.map((m) => m.status)).toEqual(['pending']);
		});

		it('a moderator of one event cannot act on another through the same socket', async () => {
			const a = await stage.event();
			const b = await stage.event();
			const q = await ask(await joinPhone(stage.server, b), '另一场的问题');
			const mod = await panel(stage.server, stage.orgs.colleague, a);
			const res = await emitAck(mod.socket, 'qa:moderate', { type: 'archive', questionId: q.id });
			expectFail(res, 'QA_QUESTION_NOT_FOUND');
			expectFail(await emitAck(mod.socket, 'qa:attach', { code: b }), 'BAD_REQUEST');
			expect((await stage.server.ctx.qaStore.getQuestion(b, q.id))?.status).toBe('published');
		});
	});
});
