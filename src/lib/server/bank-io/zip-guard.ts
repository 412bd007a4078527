// Checks an XLSX (a zip) before exceljs sees it. exceljs (through JSZip) inflates every entry into
// memory, so a zip bomb — a few MB that inflate to GBs — would take the server down. We read the
// central directory ourselves, refuse by declared sizes, entry count and ratio, and then inflate each
// entry as a stream, counting bytes, to catch a directory that lies about its sizes.
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
	maxEntries: number;
	maxTotalBytes: number;
	maxRatio: number;
}

export const ZIP_LIMITS: ZipLimits = {
	maxEntries: 1000,
	maxTotalBytes: 100 * 1024 * 1024,
	maxRatio: 200
};

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	uncompressedSize: number;
	localOffset: number;
}

export type ZipCheck = { entries: ZipEntry[] } | { error: string };

const BROKEN = '文件已损坏：不是有效的 XLSX（zip）结构';
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** The end-of-central-directory record, searched backwards past a comment of up to 64 KB. */
function findEocd(buf: Buffer): number {
	const min = Math.max(0, buf.length - 22 - 0xffff);
	for (let i = buf.length - 22; i >= min; i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) return i;
	}
	return -1;
}

function u64(buf: Buffer, at: number): number {
	return Number(buf.readBigUInt64LE(at));
}

/** Reads the central directory; throws RangeError on truncated structures. */
function readDirectory(buf: Buffer): ZipEntry[] | string {
	const eocd = findEocd(buf);
	if (eocd < 0) return BROKEN;
	let count = buf.readUInt16LE(eocd + 10);
	let offset = buf.readUInt32LE(eocd + 16);
	if (count === U16_MAX || offset === U32_MAX) {
		// ZIP64: the real values are in the zip64 end record the locator points at.
		const locator = eocd - 20;
		if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50) return BROKEN;
		const rec = u64(buf, locator + 8);
		if (buf.readUInt32LE(rec) !== 0x06064b50) return BROKEN;
		count = u64(buf, rec + 32);
		offset = u64(buf, rec + 48);
	}
	if (count > ZIP_LIMITS.maxEntries) return `文件包含 ${count} 个压缩条目，不像正常的 XLSX，已拒绝`;
	const entries: ZipEntry[] = [];
	let p = offset;
	for (let k = 0; k < count; k++) {
		if (buf.readUInt32LE(p) !== 0x02014b50) return BROKEN;
		const flags = buf.readUInt16LE(p + 8);
		const method = buf.readUInt16LE(p + 10);
		let compressedSize = buf.readUInt32LE(p + 20);
		let uncompressedSize = buf.readUInt32LE(p + 24);
		const nameLen = buf.readUInt16LE(p + 28);
		const extraLen = buf.readUInt16LE(p + 30);
		const commentLen = buf.readUInt16LE(p + 32);
		let localOffset = buf.readUInt32LE(p + 42);
		const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
		// ZIP64 extra field: 64-bit values for those the fixed fields mark as 0xFFFFFFFF, in order.
		let e = p + 46 + nameLen;
		const extraEnd = e + extraLen;
		while (e + 4 <= extraEnd) {
			const id = buf.readUInt16LE(e);
			const size = buf.readUInt16LE(e + 2);
			if (id === 0x0001) {
				let f = e + 4;
				if (uncompressedSize === U32_MAX) {
					uncompressedSize = u64(buf, f);
					f += 8;
				}
				if (compressedSize === U32_MAX) {
					compressedSize = u64(buf, f);
					f += 8;
				}
				if (localOffset === U32_MAX) localOffset = u64(buf, f);
			}
			e += 4 + size;
		}
		if (flags & 0x1) return '文件已加密（设置了密码），请在 Excel 中取消密码后再导入';
		entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
		p = extraEnd + commentLen;
	}
	return entries;
}

/** Inflates a raw deflate stream, counting output; stops as soon as it passes `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const inflater = createInflateRaw();
		let total = 0;
		inflater.on('data', (chunk: Buffer) => {
			total += chunk.length;
			if (total > limit) {
				inflater.destroy();
				resolve(total);
			}
		});
		inflater.on('end', () => resolve(total));
		inflater.on('error', reject);
		inflater.end(data);
	});
}

/** The bytes of an entry as stored (still compressed). */
function entryData(buf: Buffer, entry: ZipEntry): Buffer {
	const at = entry.localOffset;
	if (buf.readUInt32LE(at) !== 0x04034b50) throw new RangeError('local header');
	const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
	if (start + entry.compressedSize > buf.length) throw new RangeError('entry data');
	return buf.subarray(start, start + entry.compressedSize);
}

/** Refuses anything that is not a sane XLSX container; returns its entries otherwise. */
export async function checkZip(buf: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ZipCheck> {
	let entries: ZipEntry[];
	try {
		const dir = readDirectory(buf);
		if (typeof dir === 'string') return { error: dir };
		entries = dir;
	} catch {
		return { error: BROKEN };
	}
	const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
	const tooBig = `文件解压后有 ${Math.round(declared / 1024 / 1024)} MB，超过 ${limits.maxTotalBytes / 1024 / 1024} MB 上限，可能是压缩炸弹，已拒绝`;
	if (declared > limits.maxTotalBytes) return { error: tooBig };
	if (declared > limits.maxRatio * buf.length) {
		return { error: `文件压缩比异常（超过 ${limits.maxRatio}:1），可能是压缩炸弹，已拒绝` };
	}
	const names = new Set(entries.map((e) => e.name));
	if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
		return { error: '这不是 Excel 工作簿（.xlsx）：可能是其他格式（如 .docx、.ods）改了扩展名' };
	}
	for (const entry of entries) {
		try {
			const data = entryData(buf, entry);
			if (entry.method === 0) {
				if (data.length !== entry.uncompressedSize) return { error: BROKEN };
				continue;
			}
			if (entry.method !== 8) return { error: `文件使用了不支持的压缩方式（${entry.method}）` };
			const actual = await inflatedSize(data, entry.uncompressedSize);
			if (actual !== entry.uncompressedSize) {
				return { error: '文件的压缩条目大小与声明不符（可能是伪造的压缩包），已拒绝' };
			}
		} catch {
			return { error: BROKEN };
		}
	}
	return { entries };
}
