// Opens a room from a quiz. Signed in, the room belongs to the host (and their current
// organisation) and is controlled by their sessions: no secret is issued. Signed out, it is a quick
// room: the response carries the host secret once; only its hash is stored. The quiz must be one
// the host can read: their organisation's own or a shared one (signed out: the shared library).
// Openings are limited per client address and per account (429 with Retry-After beyond).
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { appContext } from '$lib/server/app-context';
import { roomLimitMessage } from '$lib/server/abuse/room-creation';
import { clientInfo, viewer } from '$lib/server/auth/kit';
import { clientKey } from '$lib/server/http/client-ip';
import type { RequestHandler } from './$types';

const body = z.object({ quizId: z.string().min(1).max(64) });

export const POST: RequestHandler = async (event) => {
	const { request, locals } = event;
	// JSON only: a cross-site form cannot send it without a CORS preflight, so no one can open
	// rooms in a signed-in host's name from another site.
	if (!request.headers.get('content-type')?.toLowerCase().startsWith('application/json')) {
		error(415, '请求格式不正确：需要 JSON');
	}
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, '请求格式不正确：需要 quizId');
	const ctx = await appContext();
	const { user, current, scope } = await viewer(ctx.orgs, locals);
	const quiz = await ctx.records.getQuiz(parsed.data.quizId, scope);
	if (!quiz) error(404, '找不到这个测验');
	// Counted once the request is known to open a room: a typo'd quiz id costs nothing.
	const limit = await ctx.abuse.roomCreation.take(
		clientKey(clientInfo(event).ip),
		user?.id ?? null
	);
	if (!limit.ok) {
		return json(
			{ message: roomLimitMessage(limit.retryAfterS) },
			{ status: 429, headers: { 'retry-after': String(limit.retryAfterS) } }
		);
	}
	if (user) {
		// The room, and the game it becomes, belong to the current organisation.
		const { pin } = await ctx.rooms.createOwnedRoom(quiz, {
			userId: user.id,
			orgId: current?.org.id ?? null
		});
		return json({ pin, orgId: current?.org.id ?? null }, { status: 201 });
	}
	const { pin, hostSecret } = await ctx.rooms.createRoom(quiz);
	return json({ pin, hostSecret }, { status: 201 });
};
