// Import step 1: upload a file (multipart field `file`), get the report and a token for commit.
// Nothing is saved here. → { ok, report, token } or 4xx { message }. Only members of an
// organisation import (the bank will be the organisation's); the token is theirs alone.
import { json } from '@sveltejs/kit';
import { appContext } from '$lib/server/app-context';
import { requireOrgApi } from '$lib/server/auth/kit';
import { readCappedForm } from '$lib/server/bank-io/http';
import { previewUpload } from '$lib/server/bank-io/import-service';
import { MAX_UPLOAD_BYTES, TOO_LARGE } from '$lib/server/bank-io/read-upload';
import type { RequestHandler } from './$types';

// Room for the multipart envelope around a file of the maximum size.
const MAX_BODY = MAX_UPLOAD_BYTES + 64 * 1024;

export const POST: RequestHandler = async ({ request, locals }) => {
	const ctx = await appContext();
	const { user } = await requireOrgApi(ctx.orgs, locals);
	const form = await readCappedForm(request, MAX_BODY);
	if (form === null) return json({ message: TOO_LARGE }, { status: 413 });
	if (form === 'invalid') {
		return json(
			{ message: '请求格式不正确：请用 multipart/form-data 上传，文件字段名为 file' },
			{ status: 400 }
		);
	}
	const file = form.get('file');
	if (!(file instanceof File)) {
		return json({ message: '请选择要导入的文件（表单字段 file）' }, { status: 400 });
	}
	if (file.size > MAX_UPLOAD_BYTES) return json({ message: TOO_LARGE }, { status: 413 });
	const result = await previewUpload(Buffer.from(await file.arrayBuffer()), file.name, user.id);
	if (!result.ok) return json({ message: result.message }, { status: result.status });
	return json(result);
};
