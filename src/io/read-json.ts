/**
 * JSON text read with the place of the first syntax error (line and column, counted from 1, as editors show
 * them). Browsers word JSON.parse errors differently and Safari gives no position at all, so the place comes
 * from jsonc-parser's scanner (strict JSON: no comments, no trailing commas), run only when JSON.parse fails.
 */
import { parse as parseLeniently, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonReadResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; en: string; vi: string };

/** What went wrong at the error's place, in English and Vietnamese, by jsonc-parser's error name. */
const REASONS: Record<string, [en: string, vi: string]> = {
  InvalidSymbol: ['unexpected character', 'ký tự không hợp lệ'],
  InvalidNumberFormat: ['badly written number', 'số viết sai'],
  PropertyNameExpected: ['expected a property name in double quotes', 'thiếu tên thuộc tính trong ngoặc kép'],
  ValueExpected: ['expected a value', 'thiếu giá trị'],
  ColonExpected: ['expected a colon', 'thiếu dấu hai chấm'],
  CommaExpected: ['expected a comma', 'thiếu dấu phẩy'],
  CloseBraceExpected: ["expected '}'", "thiếu '}'"],
  CloseBracketExpected: ["expected ']'", "thiếu ']'"],
  EndOfFileExpected: ['unexpected text after the end', 'có nội dung thừa sau phần kết thúc'],
  InvalidCommentToken: ['comments are not allowed in JSON', 'JSON không cho phép chú thích'],
  UnexpectedEndOfComment: ['comments are not allowed in JSON', 'JSON không cho phép chú thích'],
  UnexpectedEndOfString: ['a text value is never closed', 'một chuỗi không được đóng ngoặc kép'],
  UnexpectedEndOfNumber: ['badly written number', 'số viết sai'],
  InvalidUnicode: ['invalid \\u escape', 'mã \\u không hợp lệ'],
  InvalidEscapeCharacter: ['invalid escape (\\) in a text value', 'ký tự thoát (\\) không hợp lệ trong chuỗi'],
  InvalidCharacter: ['control character inside a text value', 'ký tự điều khiển trong chuỗi'],
};

const ENDS_EARLY: [en: string, vi: string] = ['the text ends too early', 'nội dung kết thúc quá sớm'];

/** Line and column (from 1) of a UTF-16 offset; LF, CRLF and CR each end a line. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || (code === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON; on a syntax error gives the place and reason of the first one.
 *
 * @example readJson('{"a": 1\n "b": 2}') // { ok: false, line: 2, column: 2, en: 'expected a comma', … }
 */
export function readJson(text: string): JsonReadResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const errors: ParseError[] = [];
    parseLeniently(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    // the scanner accepts nothing JSON.parse refuses, except what it cannot see: say JSON.parse's words then
    if (first === undefined) return { ok: false, line: 1, column: 1, en: (error as Error).message, vi: (error as Error).message };
    const [en, vi] = first.offset >= text.trimEnd().length ? ENDS_EARLY : (REASONS[printParseErrorCode(first.error)] ?? [(error as Error).message, (error as Error).message]);
    return { ok: false, ...placeOf(text, first.offset), en, vi };
  }
}

/** The syntax error as one line: "line 4, column 3: expected a comma" / "dòng 4, cột 3: thiếu dấu phẩy". */
export function describeJsonError(error: Extract<JsonReadResult, { ok: false }>, language: 'vi' | 'en'): string {
  return language === 'en' ? `line ${error.line}, column ${error.column}: ${error.en}` : `dòng ${error.line}, cột ${error.column}: ${error.vi}`;
}
