// The signed-in user behind a socket, re-checked in the store on use: a session ended or expired
// anywhere stops counting at once, even before its sockets are dropped.
import type { AppContext } from '../app-context';
import type { AndaSocket } from './types';

export async function sessionUser(socket: AndaSocket, ctx: AppContext): Promise<string | null> {
	const auth = socket.data.auth;
	if (!auth) return null;
	if (await ctx.auth.sessionActive(auth.sessionId)) return auth.userId;
	socket.data.auth = null;
	return null;
}
