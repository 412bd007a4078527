// An organisation's own sensitive words hold its events' questions for review like the built-in
// lists do (even with pre-moderation off): the asker is told the question is under review, the
// panel sees the word that matched, and another organisation's events are not affected. Only
// owners and admins change the list; a save takes effect at once in this process.
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/lib/server/auth/errors';
import { liveModes, waitFor } from '../support/server';
import { ask, joinPhone, panel, qaStage } from '../support/qa';

const modes = await liveModes('qa-org-words.test.ts');
const WORD = '某某化工厂';

describe.each(modes)('Q&A organisation words with the $name live store', (mode) => {
	describe.skipIf(mode.skip)(`qa org words (${mode.name})`, () => {
		const stage = qaStage(mode);

		it('a word the organisation added holds a question for review, and only in its own events', async () => {
			const { ctx } = stage.server;
			const { owner, orgId, outsider, colleague } = stage.orgs;
			const code = await stage.event();
			const otherOrgId = (await ctx.orgs.memberships(outsider.id))[0]!.org.id;
			const other = (await ctx.qa.createEvent(outsider.id, otherOrgId, { title: '别的活动' })).code;
			try {
				// Before the save the word is ordinary text (and the filter built for it is cached).
				const before = await ask(await joinPhone(stage.server, code), `${WORD}附近安全吗？`);
				expect(before).toMatchObject({ status: 'published', held: false });

				await expect(ctx.orgs.setWords(colleague.id, orgId, WORD)).rejects.toThrow(AuthError);
				expect(
					await ctx.orgs.setWords(owner.id, orgId, `\n ${WORD} \n\n${WORD}\n泄漏事故`)
				).toEqual([WORD, '泄漏事故']);
				expect(await ctx.orgs.words(owner.id, orgId)).toEqual([WORD, '泄漏事故']);

				const mod = await panel(stage.server, colleague, code);
				const seen = waitFor(mod.socket, 'qa:moderator', (v) =>
					v.questions.some((q) => q.status === 'pending')
				);
				const asker = await joinPhone(stage.server, code);
				const held = await ask(asker, `${WORD.split('').join(' ')}的排放有没有超标？`);
				expect(held).toMatchObject({ status: 'pending', held: true });
				const queued = (await seen).questions.find((q) => q.id === held.id);
				expect(queued).toMatchObject({ status: 'pending', held: [WORD] });
				expect((await ctx.qa.publicView(code)).questions.map((q) => q.id)).not.toContain(held.id);

				// Another organisation's event takes the same question as it is.
				const theirs = await ask(await joinPhone(stage.server, other), `${WORD}的排放有没有超标？`);
				expect(theirs).toMatchObject({ status: 'published', held: false });

				// Cleared, the word no longer holds anything.
				expect(await ctx.orgs.setWords(owner.id, orgId, '')).toEqual([]);
				const after = await ask(await joinPhone(stage.server, code), `${WORD}今天开放参观吗？`);
				expect(after).toMatchObject({ status: 'published', held: false });
			} finally {
				await ctx.qaStore.deleteEvent(other);
				await ctx.orgs.setWords(owner.id, orgId, '');
			}
		});

		it('a list too long, or a word too long, is refused with a reason and nothing is saved', async () => {
			const { ctx } = stage.server;
			const { owner, orgId } = stage.orgs;
			await ctx.orgs.setWords(owner.id, orgId, '保留的词');
			await expect(ctx.orgs.setWords(owner.id, orgId, '长'.repeat(31))).rejects.toThrow(
				/每个词最多 30 个字/
			);
			const many = Array.from({ length: 501 }, (_, i) => `词${i}`).join('\n');
			await expect(ctx.orgs.setWords(owner.id, orgId, many)).rejects.toThrow(/最多 500 个词/);
			expect(await ctx.orgs.words(owner.id, orgId)).toEqual(['保留的词']);
			await ctx.orgs.setWords(owner.id, orgId, '');
		});
	});
});
