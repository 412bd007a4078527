// A Q&A panel: attach with the session cookie (the event's hosts, moderators and experts only),
// then moderate questions, pin, order "up next", ban, close and reopen, run polls and word
// clouds; hosts also change the
// settings, the details and the staff. Every action is authorised again by the service for the
// user's role: a member removed from the organisation or from the staff loses the panel at their
// next action.
import {
	qaAttachSchema,
	qaBanSchema,
	qaEventCommandSchema,
	qaModerateSchema,
	qaPollCommandSchema,
	qaStaffSchema
} from '../../../protocol';
import type { Moderation } from '../../../domain/qa/question';
import { SessionError } from '../../kernel/session-error';
import { lookupEvent, on, type RegisterSurface } from '../on';
import { bindQa, requireModerator } from './binding';

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
			const attached = await qa.attach(code, userId);
			await bindQa(socket, { role: 'moderator', code, userId, orgId: attached.view.orgId });
			return attached;
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

	on(socket, 'qa:staff', qaStaffSchema, command, async (p) => {
		const { code, userId } = requireModerator(socket);
		return { staff: await qa.staff(code, userId, p) };
	});
};
