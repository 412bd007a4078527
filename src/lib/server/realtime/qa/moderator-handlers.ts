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
import { lookupEvent, type RegisterSurface } from '../on';
import { bindQa, requireModerator } from './binding';

export const registerQaModeratorHandlers: RegisterSurface = (events, ctx, observe) => {
	const qa = ctx.qa;
	const command = { limit: 'command', observe } as const;

	events.on(
		'qa:attach',
		qaAttachSchema,
		lookupEvent(ctx.abuse.lookups, observe),
		async ({ code }, socket) => {
			const userId = socket.data.auth?.userId ?? null;
			if (userId === null) throw new SessionError('NOT_SIGNED_IN');
			const attached = await qa.attach(code, userId);
			await bindQa(socket, { role: 'moderator', code, userId, orgId: attached.view.orgId });
			return attached;
		}
	);

	events.on('qa:moderate', qaModerateSchema, command, async (p, socket) => {
		const { code, userId } = requireModerator(socket);
		const { questionId, ...m } = p;
		return { question: await qa.moderate(code, userId, questionId, m satisfies Moderation) };
	});

	events.on('qa:event', qaEventCommandSchema, command, async (p, socket) => {
		const { code, userId } = requireModerator(socket);
		return { view: await qa.command(code, userId, p) };
	});

	events.on('qa:poll', qaPollCommandSchema, command, async (p, socket) => {
		const { code, userId } = requireModerator(socket);
		return { poll: await qa.polls.command(code, userId, p) };
	});

	events.on('qa:ban', qaBanSchema, command, async ({ participantId }, socket) => {
		const { code, userId } = requireModerator(socket);
		return qa.ban(code, userId, participantId);
	});

	events.on('qa:staff', qaStaffSchema, command, async (p, socket) => {
		const { code, userId } = requireModerator(socket);
		return { staff: await qa.staff(code, userId, p) };
	});
};
