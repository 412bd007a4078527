// A Q&A participant's phone: join (a new signed identity) or resume (the token kept on the
// device), ask, vote and take a vote back, answer the poll or word cloud on show.
import {
	qaAskSchema,
	qaJoinSchema,
	qaRespondSchema,
	qaResumeSchema,
	qaVoteSchema
} from '../../../protocol';
import { lookupEvent, type RegisterSurface } from '../on';
import type { AndaSocket } from '../types';
import { bindQa, requireFreeFor, requireParticipant } from './binding';

export const registerQaParticipantHandlers: RegisterSurface = (events, ctx, observe) => {
	const qa = ctx.qa;
	const lookup = lookupEvent(ctx.abuse.lookups, observe);

	events.on('qa:join', qaJoinSchema, lookup, async ({ code }, socket) => {
		// Refuse before issuing: an identity made for a socket that cannot take it is wasted quota.
		requireFreeFor(socket, null);
		const { participantId, token } = await qa.join(code, socket.data.address);
		await bindQa(socket, { role: 'participant', code, participantId });
		return { token, participantId, view: await qa.publicView(code), mine: [] };
	});

	events.on('qa:resume', qaResumeSchema, lookup, async ({ code, token }, socket) => {
		const participantId = await qa.resume(code, token);
		await bindQa(socket, { role: 'participant', code, participantId });
		const [view, mine, voted, responses] = await Promise.all([
			qa.publicView(code),
			qa.mine(code, participantId),
			qa.votedBy(code, participantId),
			qa.polls.responses(code, participantId)
		]);
		return { participantId, view, mine, voted, responses };
	});

	events.on('qa:ask', qaAskSchema, { limit: 'qaAsk', observe }, async (p, socket) => {
		const { code, participantId } = requireParticipant(socket);
		return { question: await qa.ask(code, participantId, p) };
	});

	// A vote and taking it back: one handler, one bucket.
	const vote =
		(up: boolean) =>
		async ({ questionId }: { questionId: string }, socket: AndaSocket) => {
			const { code, participantId } = requireParticipant(socket);
			return qa.vote(code, participantId, questionId, up);
		};
	const voting = { limit: 'qaVote', observe } as const;
	events.on('qa:vote', qaVoteSchema, voting, vote(true));
	events.on('qa:unvote', qaVoteSchema, voting, vote(false));

	events.on('qa:respond', qaRespondSchema, { limit: 'qaRespond', observe }, async (p, socket) => {
		const { code, participantId } = requireParticipant(socket);
		return { response: await qa.polls.respond(code, participantId, p) };
	});
};
