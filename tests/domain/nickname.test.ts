// Nicknames: 1–20 characters after trimming, no control, bidi or zero-width characters, unique per
// room ignoring case (nicknameKey), offensive words refused while ordinary names pass.
import { describe, expect, it } from 'vitest';
import { cleanNickname, nicknameKey } from '$lib/domain/nickname';

const code = (raw: string) => {
	const r = cleanNickname(raw);
	return r.ok ? 'ok' : r.code;
};

describe('cleanNickname: length', () => {
	it('trims surrounding white space, including ideographic spaces', () => {
		expect(cleanNickname('  Alice  ')).toEqual({ ok: true, nickname: 'Alice' });
		expect(cleanNickname('\u3000王小明\u3000')).toEqual({ ok: true, nickname: '王小明' });
		expect(cleanNickname('\n\tBob\r\n')).toEqual({ ok: true, nickname: 'Bob' });
	});

	it('keeps inner spaces', () => {
		expect(cleanNickname('Mary  Ann')).toEqual({ ok: true, nickname: 'Mary  Ann' });
	});

	it('refuses empty and blank names', () => {
		for (const raw of ['', ' ', '   ', '\u3000\u3000', '\t\n']) {
			expect(code(raw), JSON.stringify(raw)).toBe('NICKNAME_LENGTH');
		}
	});

	it('accepts 1 and 20 characters, refuses 21', () => {
		expect(code('A')).toBe('ok');
		expect(code('王')).toBe('ok');
		expect(code('a'.repeat(20))).toBe('ok');
		expect(code('a'.repeat(21))).toBe('NICKNAME_LENGTH');
		expect(code('安'.repeat(20))).toBe('ok');
		expect(code('安'.repeat(21))).toBe('NICKNAME_LENGTH');
	});

	it('counts length after trimming', () => {
		expect(code(`   ${'b'.repeat(20)}   `)).toBe('ok');
	});

	it('counts characters, not UTF-16 units', () => {
		expect(code('😀'.repeat(20))).toBe('ok'); // 40 UTF-16 units
		expect(code('😀'.repeat(21))).toBe('NICKNAME_LENGTH');
		expect(code('𠮷'.repeat(20))).toBe('ok'); // astral CJK
	});

	it('normalises to NFC', () => {
		const r = cleanNickname('Cafe\u0301');
		expect(r).toEqual({ ok: true, nickname: 'Caf\u00e9' });
	});
});

describe('cleanNickname: invisible and control characters', () => {
	it.each([
		['NUL', 'a\u0000b'],
		['tab inside', 'a\tb'],
		['newline inside', 'a\nb'],
		['escape', 'a\u001b[31mb'],
		['DEL', 'a\u007fb'],
		['C1 control', 'a\u0085b'],
		['zero-width space', 'Al\u200bice'],
		['zero-width non-joiner', 'Al\u200cice'],
		['zero-width joiner', 'Al\u200dice'],
		['left-to-right mark', 'Alice\u200e'],
		['right-to-left mark', '\u200fAlice'],
		['right-to-left override', '\u202eecilA'],
		['left-to-right embedding', 'a\u202ab'],
		['pop directional formatting', 'a\u202cb'],
		['first strong isolate', 'a\u2068b\u2069'],
		['right-to-left isolate', '\u2067Alice\u2069x'],
		['word joiner', 'a\u2060b'],
		['invisible separator', 'a\u2063b'],
		['BOM inside', 'a\ufeffb'],
		['tag character', 'a\u{e0041}b'],
		['arabic letter mark (bidi)', 'a\u061cb'],
		['soft hyphen (invisible)', 'a\u00adb'],
		['mongolian vowel separator (zero width)', 'a\u180eb'],
		['line separator', 'a\u2028b'],
		['paragraph separator', 'a\u2029b'],
		['deprecated bidi format character', 'a\u206bb']
	])('refuses a %s', (_name, raw) => {
		expect(code(raw)).toBe('NICKNAME_CHARS');
	});

	it('refuses a name that is only a zero-width character', () => {
		expect(code('\u200b')).toBe('NICKNAME_CHARS');
	});
});

describe('cleanNickname: offensive words', () => {
	it.each([
		'fuck',
		'FUCK',
		'FuCkEr',
		'f u c k',
		'f.u.c.k',
		'f_u_c_k',
		'ｆｕｃｋ', // full-width
		'xXshitXx',
		'bullshit',
		'motherfucker',
		'Bitch Please',
		'傻逼',
		'傻 逼',
		'傻.逼',
		'你是傻逼吗',
		'傻B',
		'他妈的',
		'草你妈',
		'王八蛋',
		'去死吧',
		'what a shit',
		'shit Matsushita', // an allowed name does not excuse a blocked word next to it
		'Yamashit' // nor does a near miss
	])('refuses %j', (raw) => {
		expect(code(raw)).toBe('NICKNAME_OFFENSIVE');
	});
});

describe('cleanNickname: ordinary names pass', () => {
	it.each([
		'王小明',
		'李娜',
		'张伟',
		'妈妈的宝贝',
		'他的妈妈',
		'小沙',
		'操场小王子',
		'Alice',
		'Bob Smith',
		'Dick',
		'Hancock',
		'Cockburn',
		'Dickens',
		'Sussex',
		'Essex',
		'Penistone',
		'Shakespeare',
		'Scunthorpe',
		'Matsushita',
		'Yamashita',
		'Kinoshita',
		'Kshitij',
		'尼玛次仁',
		'扎西尼玛',
		'José',
		'Zoë 🙂',
		'user_123',
		'A-Team'
	])('accepts %j', (raw) => {
		expect(cleanNickname(raw)).toEqual({ ok: true, nickname: raw });
	});
});

describe('nicknameKey', () => {
	it('ignores case and full/half width', () => {
		expect(nicknameKey('Alice')).toBe('alice');
		expect(nicknameKey('ALICE')).toBe(nicknameKey('alice'));
		expect(nicknameKey('ＡＬＩＣＥ')).toBe(nicknameKey('Alice'));
		expect(nicknameKey('Ｂｏｂ１')).toBe('bob1');
	});

	it('keeps different names apart', () => {
		expect(nicknameKey('王小明')).not.toBe(nicknameKey('王小名'));
		expect(nicknameKey('Alice')).not.toBe(nicknameKey('Alicia'));
		expect(nicknameKey('Ann Lee')).not.toBe(nicknameKey('Anne Lee'));
	});

	it('gives composed and decomposed spellings the same key', () => {
		expect(nicknameKey('Caf\u00e9')).toBe(nicknameKey('Cafe\u0301'));
	});
});
