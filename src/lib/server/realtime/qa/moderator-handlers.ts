// A Q&A moderator's or expert's panel: attach with the session cookie (members of the event's
// organisation only), then moderate questions, pin, order "up next", ban, close and reopen, run
// quick polls and word clouds. Every
// action is authorised again by the service: a member removed from the organisation loses the
// panel at their next action.
import {
	qaAttachSchema,
	qaBanSchema,
	qaEventCommandSchema,
	qaModerateSchema,
	qaPollCommandSchema
} from '../../../protocol';
import type { Moderation } from '../../../domain/qa/question';
import { SessionError } from '../../kernel/session-error';
import { lookupEvent, on, type RegisterSurface } from '../on';
import { bindQa, requireFreeFor, requireModerator } from './binding';

export const registerQaModeratorHandlers: RegisterSurface = (socket, ctx, observe) => {
	const qa = ctx.qa;
	const command = { limit: 'command', observe } as const;

	on(
		socket,
		'qa:attach',
		qaAttachSchema,
		lookupEvent(ctx.abuse.lookups, observe),
		async ({ code }) => {
			const userId = socket.data.auth?.userId ?? null;
			if (userId === null) throw new SessionError('NOT_SIGNED_IN');
			requireFreeFor(socket, { role: 'moderator', code, userId });
			const view = await qa.moderatorView(code, userId);
			await bindQa(socket, { role: 'moderator', code, userId });
			return { view };
		}
	);

	on(socket, 'qa:moderate', qaModerateSchema, command, async (p) => {
		const { code, userId } = requireModerator(socket);
		const { questionId, ...m } = p;
		return { question: await qa.moderate(code, userId, questionId, m satisfies Moderation) };
	});

	on(socket, 'qa:event', qaEventCommandSchema, command, async (p) => {
		const { code, userId } = requireModerator(socket);
		return { view: await qa.command(code, userId, p) };
	});

	on(socket, 'qa:poll', qaPollCommandSchema, command, async (p) => {
		const { code, userId } = requireModerator(socket);
		return { poll: await qa.polls.command(code, userId, p) };
	});

	on(socket, 'qa:ban', qaBanSchema, command, async ({ participantId }) => {
		const { code, userId } = requireModerator(socket);
		return qa.ban(code, userId, participantId);
	});
};
