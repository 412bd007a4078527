// An uploaded file → a table of cells, or a clear refusal. The format is chosen by extension AND by
// the first bytes: a PDF or text renamed to .xlsx is refused, an old .xls (or an encrypted .xlsx,
// which is the same OLE container) gets a "save as .xlsx" message, a real XLSX named .csv is read
// as XLSX. Size, zip bombs and the row limit are all enforced here, before parsing.
import {
	rowLimitError,
	type CellIssue,
	type CellValue,
	type RowLimit
} from '../../domain/bank-import/parse-rows';
import { decodeText, parseCsv } from './csv';
import { readXlsx } from './xlsx';
import { checkZip } from './zip-guard';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface UploadTable {
	rows: CellValue[][];
	warnings: string[];
	cellIssues: CellIssue[];
}

export interface UploadRefusal {
	/** 413 too large, 415 not a format we read, 422 a damaged or suspicious file. */
	status: 413 | 415 | 422;
	error: string;
}

const tooLarge = (bytes: number) =>
	`文件超过 ${bytes / 1024 / 1024} MB，请拆分成多个文件后分别导入`;

export const TOO_LARGE = tooLarge(MAX_UPLOAD_BYTES);

/** Limits other than a bank's: a roster is larger in bytes and rows than any question bank. */
export interface UploadOptions {
	maxBytes?: number;
	rows?: RowLimit;
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF = Buffer.from('%PDF', 'latin1');

const XLS_MESSAGE =
	'不支持旧版 Excel 97-2003（.xls）文件：请在 Excel 或 WPS 中「另存为」Excel 工作簿（.xlsx）后再导入';
const OLE_AS_XLSX =
	'文件无法按 .xlsx 读取：它可能设置了打开密码，或其实是旧版 .xls 文件。请取消密码并另存为 .xlsx 后再导入';

function extension(filename: string): string {
	const m = /\.([a-z0-9]+)$/i.exec(filename.trim());
	return m?.[1]?.toLowerCase() ?? '';
}

async function readZipWorkbook(buf: Buffer): Promise<UploadTable | UploadRefusal> {
	const zip = await checkZip(buf);
	if ('error' in zip) return { status: 422, error: zip.error };
	const sheet = await readXlsx(buf);
	if ('error' in sheet) return { status: 422, error: sheet.error };
	return sheet;
}

function readText(buf: Buffer): UploadTable | UploadRefusal {
	const decoded = decodeText(buf);
	if ('error' in decoded) return { status: 415, error: decoded.error };
	const parsed = parseCsv(decoded.text);
	if ('error' in parsed) return { status: 422, error: parsed.error };
	return {
		rows: parsed.rows,
		warnings: decoded.warning ? [decoded.warning] : [],
		cellIssues: []
	};
}

/** Reads an upload by name and content. Never throws for bad input. */
export async function readUpload(
	buf: Buffer,
	filename: string,
	opts: UploadOptions = {}
): Promise<UploadTable | UploadRefusal> {
	const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
	if (buf.length > maxBytes) return { status: 413, error: tooLarge(maxBytes) };
	if (buf.length === 0) return { status: 422, error: '文件是空的' };
	const ext = extension(filename);
	const head = buf.subarray(0, 8);
	const isZip = head.subarray(0, 4).equals(ZIP);

	let table: UploadTable | UploadRefusal;
	if (ext === 'xls' || ext === 'et') {
		return { status: 415, error: XLS_MESSAGE };
	} else if (head.equals(OLE)) {
		return { status: 415, error: ext === 'xlsx' || ext === 'xlsm' ? OLE_AS_XLSX : XLS_MESSAGE };
	} else if (ext === 'xlsx' || ext === 'xlsm') {
		if (!isZip) {
			const what = head.subarray(0, 4).equals(PDF) ? '（它是 PDF 文件）' : '';
			return {
				status: 415,
				error: `文件扩展名是 .${ext}，但内容不是 Excel 工作簿${what}：文件可能已损坏或被改了扩展名`
			};
		}
		table = await readZipWorkbook(buf);
	} else if (ext === 'csv' || ext === 'tsv' || ext === 'txt') {
		if (head.subarray(0, 4).equals(PDF)) {
			return { status: 415, error: '这是 PDF 文件，不是 CSV：请上传 .xlsx 或 .csv 题库文件' };
		}
		if (isZip) {
			table = await readZipWorkbook(buf);
			if ('rows' in table)
				table.warnings.unshift(`文件扩展名是 .${ext}，但内容是 Excel 工作簿，已按 .xlsx 读取`);
		} else {
			table = readText(buf);
		}
	} else {
		return {
			status: 415,
			error: `不支持的文件类型${ext ? ` .${ext}` : ''}：请上传 .xlsx 或 .csv 文件（可下载模板参考）`
		};
	}
	if ('error' in table) return table;
	const tooMany = rowLimitError(table.rows, opts.rows);
	if (tooMany) return { status: 413, error: tooMany };
	return table;
}
