// Request helpers for the bank endpoints: bodies are read with a byte cap, so that an upload without
// Content-Length (chunked) cannot fill memory before the 10 MB limit is checked.
import { readCappedBody } from '../http/read-body';

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
