// Opens a room from a quiz. The response carries the host secret once; only its hash is stored.
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { appContext } from '$lib/server/app-context';
import type { RequestHandler } from './$types';

const body = z.object({ quizId: z.string().min(1).max(64) });

export const POST: RequestHandler = async ({ request }) => {
	const parsed = body.safeParse(await request.json().catch(() => null));
	if (!parsed.success) error(400, '请求格式不正确：需要 quizId');
	const ctx = await appContext();
	const quiz = await ctx.records.getQuiz(parsed.data.quizId);
	if (!quiz) error(404, '找不到这个测验');
	const { pin, hostSecret } = await ctx.rooms.createRoom(quiz);
	return json({ pin, hostSecret }, { status: 201 });
};
