// UTF-8 by hand: Apigee's Rhino has no TextEncoder and no typed arrays.
// Lone surrogates become U+FFFD, as TextEncoder and Node's Buffer do, so both
// engines see the same bytes for the same string.

/** Calls `emit` with each UTF-8 byte of `text`, in order. */
function eachUtf8Byte(text: string, emit: (byte: number) => void): void {
  for (var i = 0; i < text.length; i++) {
    var c = text.charCodeAt(i);
    if (c < 0x80) {
      emit(c);
    } else if (c < 0x800) {
      emit(0xc0 | (c >> 6));
      emit(0x80 | (c & 63));
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        var next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          var cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          emit(0xf0 | (cp >> 18));
          emit(0x80 | ((cp >> 12) & 63));
          emit(0x80 | ((cp >> 6) & 63));
          emit(0x80 | (cp & 63));
          continue;
        }
        c = 0xfffd;
      }
      emit(0xe0 | (c >> 12));
      emit(0x80 | ((c >> 6) & 63));
      emit(0x80 | (c & 63));
    }
  }
}

export function utf8Bytes(text: string): number[] {
  var out: number[] = [];
  eachUtf8Byte(text, function (b) {
    out.push(b);
  });
  return out;
}

/** True when every character is ASCII, so each character is one UTF-8 byte. */
export function isAscii(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}
