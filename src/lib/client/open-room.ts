// Opening a room for a quiz from a host page: POST /api/rooms, keep a quick room's secret in this
// browser (it comes back once, and only when signed out), and say where the host panel is.
import { rememberHostSecret } from './host-secret';

export type OpenRoomResult = { ok: true; pin: string } | { ok: false; message: string };

export async function openRoom(
	quizId: string,
	fetcher: typeof fetch = fetch
): Promise<OpenRoomResult> {
	try {
		const res = await fetcher('/api/rooms', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ quizId })
		});
		const body = (await res.json()) as { pin?: string; hostSecret?: unknown; message?: string };
		if (!res.ok || typeof body.pin !== 'string') {
			return { ok: false, message: body.message ?? '开房失败' };
		}
		rememberHostSecret(body.pin, body.hostSecret);
		return { ok: true, pin: body.pin };
	} catch (e) {
		return { ok: false, message: e instanceof Error ? e.message : '开房失败' };
	}
}
