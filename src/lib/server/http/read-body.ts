// Reading a request body with a byte cap, so that a body without Content-Length (chunked) cannot
// fill memory before its size is known.

/**
 * The body's bytes, or null once they pass `max`. The rest is then left unread rather than
 * cancelled: cancelling would destroy the connection under adapter-node, and the client would get
 * a reset instead of the 413 it is owed; Node discards what is left once the answer is sent.
 */
export async function readCappedBody(request: Request, max: number): Promise<Buffer | null> {
	if (!request.body) return Buffer.alloc(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			reader.releaseLock();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}
