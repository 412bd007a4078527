// Public boards show who is ahead without telling who they are: names and phone numbers are masked
// before they leave the server, the same way everywhere (individual board, big screen, exports for
// the public).

/** Stars after the first character never exceed this, so a long name does not betray its length. */
const MAX_STARS = 3;

/**
 * 张三 → 张*, 欧阳娜娜 → 欧***, Alexander → A***. Only the first character is kept: a compound
 * surname (欧阳, 司马) cannot be told from a one-character surname and a given name (欧 is a surname
 * too), and keeping two characters of a two-character name would show all of it. One rule for every
 * script also keeps Latin, Uyghur or Tibetan names as private as Chinese ones. A one-character name
 * still gets a star, so a masked name never reads as a real one.
 */
export function maskName(raw: string): string {
	const chars = Array.from(raw.trim());
	const first = chars[0];
	if (first === undefined) return '';
	const rest = chars.slice(1).filter((c) => c.trim() !== '').length;
	return first + '*'.repeat(Math.min(Math.max(rest, 1), MAX_STARS));
}

/**
 * 13812341234 → 138****1234: the carrier prefix and the last four stay (how receipts and banks show
 * a number, so people recognise their own). Anything that is not a mainland mobile is fully masked.
 */
export function maskPhone(raw: string): string {
	const phone = isMainlandMobile(raw);
	if (phone === null) return '*'.repeat(Math.min(Array.from(raw.trim()).length, 11));
	return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/**
 * The normalised 11-digit number if `raw` is a mainland China mobile number (1, then 3–9, then nine
 * digits), else null. Forgiven, because people type them so: spaces and dashes, full-width digits
 * (NFKC folds them), and a +86 / 0086 / 86 country prefix.
 */
export function isMainlandMobile(raw: string): string | null {
	let s = raw.normalize('NFKC').replace(/[\s\-–—]/g, '');
	if (s.startsWith('+86')) s = s.slice(3);
	else if (s.startsWith('0086')) s = s.slice(4);
	else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
	return /^1[3-9]\d{9}$/.test(s) ? s : null;
}
