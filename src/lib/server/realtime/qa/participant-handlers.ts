// A Q&A participant's phone: join (a new signed identity) or resume (the token kept on the
// device), ask, vote and take a vote back, answer the poll or word cloud on show.
import {
	qaAskSchema,
	qaJoinSchema,
	qaRespondSchema,
	qaResumeSchema,
	qaVoteSchema
} from '../../../protocol';
import { lookupEvent, on, type RegisterSurface } from '../on';
import { bindQa, requireFreeFor, requireParticipant } from './binding';

export const registerQaParticipantHandlers: RegisterSurface = (socket, ctx, observe) => {
	const qa = ctx.qa;
	const lookup = lookupEvent(ctx.abuse.lookups, observe);

	on(socket, 'qa:join', qaJoinSchema, lookup, async ({ code }) => {
		// Refuse before issuing: an identity made for a socket that cannot take it is wasted quota.
		requireFreeFor(socket, null);
		const { participantId, token } = await qa.join(code, socket.data.address);
		await bindQa(socket, { role: 'participant', code, participantId });
		return { token, participantId, view: await qa.publicView(code), mine: [] };
	});

	on(socket, 'qa:resume', qaResumeSchema, lookup, async ({ code, token }) => {
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

	on(socket, 'qa:ask', qaAskSchema, { limit: 'qaAsk', observe }, async (p) => {
		const { code, participantId } = requireParticipant(socket);
		return { question: await qa.ask(code, participantId, p) };
	});

	on(socket, 'qa:vote', qaVoteSchema, { limit: 'qaVote', observe }, async ({ questionId }) => {
		const { code, participantId } = requireParticipant(socket);
		return qa.vote(code, participantId, questionId, true);
	});

	on(socket, 'qa:unvote', qaVoteSchema, { limit: 'qaVote', observe }, async ({ questionId }) => {
		const { code, participantId } = requireParticipant(socket);
		return qa.vote(code, participantId, questionId, false);
	});

	on(socket, 'qa:respond', qaRespondSchema, { limit: 'qaRespond', observe }, async (p) => {
		const { code, participantId } = requireParticipant(socket);
		return { response: await qa.polls.respond(code, participantId, p) };
	});
};
