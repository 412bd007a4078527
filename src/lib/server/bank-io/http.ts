// Request helpers for the bank endpoints: bodies are read with a byte cap, so that an upload without
// Content-Length (chunked) cannot fill memory before the 10 MB limit is checked.

/** The body's bytes, or null once it passes `max`. */
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
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

/** Multipart form data from a capped body: null if too large, 'invalid' if it does not parse. */
export async function readCappedForm(
	request: Request,
	max: number
): Promise<FormData | null | 'invalid'> {
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > max) return null;
	const body = await readCappedBody(request, max);
	if (!body) return null;
	try {
		const copy = new Request(request.url, {
			method: 'POST',
			headers: { 'content-type': request.headers.get('content-type') ?? '' },
			body: new Uint8Array(body)
		});
		return await copy.formData();
	} catch {
		return 'invalid';
	}
}
