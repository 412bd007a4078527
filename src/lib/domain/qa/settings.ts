// A Q&A event's settings: how questions arrive (pre-moderated or published at once), who may ask
// (names required, anonymous allowed), how long a question may be, the labels an asker may pick
// and whether the audience sees vote counts. One zod schema: the protocol's create and update
// payloads reuse it, so a limit changed in limits.ts is changed for every surface.
import { z } from 'zod';
import { QA_LABELS, QA_QUESTION_LENGTH } from '../limits';
import { cleanQaText } from './text';

const label = z
	.string()
	.max(100)
	.transform((raw, ctx) => {
		const out = cleanQaText(raw, QA_LABELS.length);
		if (!out.ok) {
			ctx.addIssue({ code: 'custom', message: `标签需为 1–${QA_LABELS.length} 个字符` });
			return z.NEVER;
		}
		return out.text;
	});

export const qaSettingsSchema = z
	.object({
		/** Every question waits for a moderator before the audience sees it. */
		preModeration: z.boolean().default(false),
		/** An asker may leave the name out. */
		anonymousAllowed: z.boolean().default(true),
		/** An asker who gives a name must give one (with anonymousAllowed off, every asker). */
		namesRequired: z.boolean().default(false),
		questionMaxLength: z
			.number()
			.int()
			.min(QA_QUESTION_LENGTH.min)
			.max(QA_QUESTION_LENGTH.max)
			.default(QA_QUESTION_LENGTH.default),
		labels: z
			.array(label)
			.max(QA_LABELS.max, `标签最多 ${QA_LABELS.max} 个`)
			.default([])
			.refine((l) => new Set(l).size === l.length, '标签不能重复'),
		/** Whether phones and the wall show vote counts (moderators always see them). */
		showVoteCounts: z.boolean().default(true)
	})
	.strict();

export type QaSettings = z.output<typeof qaSettingsSchema>;
export type QaSettingsInput = z.input<typeof qaSettingsSchema>;

export const DEFAULT_QA_SETTINGS: QaSettings = qaSettingsSchema.parse({});

/** Whether an asker must give a name: required outright, or anonymity not allowed. */
export function nameRequired(s: QaSettings): boolean {
	return s.namesRequired || !s.anonymousAllowed;
}
