"""Writes the committed hostile corpus (run from the repository root to regenerate it).

Big and file-system-special cases (a file over --max-bytes, a 50k-character sentence, a
100k-character token, symlink loops, a FIFO, a file name that is not UTF-8) are made at test
time by tests/test_hostile.py instead of being committed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = (
    "A Russian drone attack on the southern city of Odesa killed two people and injured "
    "nine others overnight, regional Governor Oleh Kiper said on Telegram on Monday.\n"
)


def write(name: str, data: bytes | str) -> None:
    (HERE / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def records() -> list[str]:
    """One JSON Lines line per case; comments say what each must give."""
    good = {"id": "good", "text": NEWS, "published": "2025-07-02"}
    lines = [
        json.dumps(good),                                              # ok
        '{"id": "broken", "text": "unterminated',                      # json_error
        '[1, 2, 3]',                                                   # record_error
        '"just a string"',                                             # record_error
        'null',                                                        # record_error
        json.dumps({"id": "no-text", "title": "A record without text"}),  # missing_text
        json.dumps({"id": "text-int", "text": 42}),                    # missing_text
        json.dumps({"id": "text-null", "text": None}),                 # missing_text
        json.dumps({"id": "text-list", "text": ["Kyiv", "was", "hit"]}),  # missing_text
        json.dumps({"id": "text-empty", "text": ""}),                  # empty
        json.dumps({"id": "text-blank", "text": " \n\t\u00a0\u3000 "}),  # empty
        json.dumps({"id": "published-int", "text": NEWS, "published": 123}),  # ok
        json.dumps({"id": None, "text": NEWS}),                        # ok, id from line
        json.dumps({"id": 7, "text": NEWS}),                           # ok, id "7"
        json.dumps({"id": {"nested": [1]}, "text": NEWS, "title": ["x"], "url": {"u": 1}}),
        json.dumps({"id": "not-a-date", "text": NEWS, "published": "not a date"}),
        json.dumps({"id": "feb-30", "text": NEWS, "published": "2025-02-30"}),
        json.dumps({"id": "far-future", "text": NEWS, "published": "9999-12-31"}),
        json.dumps({"id": "far-future-time", "text": NEWS, "published": "9999-12-31T23:59:59Z"}),
        json.dumps({"id": "year-one", "text": "Shelling hit Kharkiv yesterday, killing 3.",
                    "published": "0001-01-01"}),
        '{"id": "nan-published", "text": "Two drones were shot down.", "published": NaN}',
        json.dumps({"id": "nul-inside", "text": "Shelling\u0000 hit Kherson, killing\u0000 4 people."}),
        json.dumps({"id": "ansi", "text": "\u001b[31mBREAKING\u001b[0m: 12 killed in Khartoum strike."}),
        json.dumps({"id": "bidi", "text": "Strike on \u202eanibruK\u202c killed 5, the army said."}),
        '{"id": "lone-surrogate", "text": "Drones \\ud800 hit Sumy, injuring 3 people. \\udfff"}',
        '{"id": "paired-surrogates", "text": "\\ud83d\\udea8 Missiles hit Lviv, killing 2."}',
        '{"id": "surrogate-\\udc80-id", "text": "Gaza: 30 killed in Israeli strikes."}',
        '{"id": "u2028", "text": "Line one\u2028Shelling killed 6 in Donetsk.\u2029End\u0085."}',
        '{"id": "bignum", "text": "x", "n": ' + "1" * 5000 + "}",     # json_error
        "[" * 3000 + "]" * 3000,                                       # json_error
        '{"id": "trailing-comma", "text": "x",}',                      # json_error
        json.dumps({"id": "../../../etc/passwd", "text": NEWS}),       # ok: ids are not paths
        json.dumps({"id": "dup", "text": NEWS}),                       # ok
        json.dumps({"id": "dup", "text": NEWS}),                       # ok (same id twice)
        "\ufeff" + json.dumps({"id": "bom-line", "text": NEWS}),       # ok (cat of BOM files)
    ]
    return lines


def main() -> None:
    rng = random.Random(20250702)
    write("binary_elf.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(40))
    write("binary_png.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(20))
    write("binary_random.txt", bytes(rng.randrange(256) for _ in range(2048)))
    write("garbage_no_nul.txt", bytes(rng.randrange(1, 32) for _ in range(512)))
    write("empty.txt", b"")
    write("whitespace_only.txt", " \n\t\r\n\u00a0 \u3000\n")
    write("utf8_bom.txt", "\ufeff" + NEWS)
    write("utf16_bom.txt", NEWS.encode("utf-16"))
    write("utf16le_nobom.txt", NEWS.encode("utf-16-le"))
    write("utf16be_nobom.txt", NEWS.encode("utf-16-be"))
    write("utf32_bom.txt", NEWS.encode("utf-32"))
    write("broken_bom_utf16.txt", b"\xff\xfe" + NEWS.encode("utf-16-le")[:-1])
    write("latin1.txt", (
        "Les forces armées ont frappé la région de Donetsk à l'aube, a déclaré l'état-major "
        "ukrainien. Trois civils ont été tués à Kramatorsk.\n").encode("latin-1"))
    write("cp1252.txt", (
        "\u201cWe were shelled all night,\u201d said the mayor of Kherson \u2014 damage is put "
        "at \u20ac5m. Two people were killed.\n").encode("cp1252"))
    write("cp1251_ukrainian.txt", (
        "Обстріл Харкова: загинули двоє людей, ще дев'ятеро поранені, повідомив голова "
        "обласної військової адміністрації.\n").encode("cp1251"))
    write("invalid_utf8.txt", (
        "Zaporizhzhia \u2014 \u201cheavy shelling\u201d overnight. ".encode()
        + b"\xc3\x28 broken \xff\xfe bytes \x80 here. "
        + b"Officials in Kyiv said 4 people were killed.\n"))
    write("control_chars.txt", (
        "\x1b[1mBREAKING\x1b[0m\x07 Russian strikes hit Kharkiv\x0bovernight.\x0c\r"
        "- Drones hit Odesa,\u200b\u200d killing 2 people, the governor said.\x85"
        "- \u202eStrike on Rafah killed 11\u202c, medics said.\u2028"
        "- Tab\tseparated\tcount: 3 killed in Goma.\r\n"
        "\x7f\x1f\x01 trailing controls\n"))
    write("html_noise.txt", (
        "<!DOCTYPE html><html><head><title>Live</title><style>p{color:red}</style>"
        "<script>var x = '<p>' + 1 < 2 && \"-\".repeat(999);</script></head><body>\n"
        "<nav><ul><li><a href='/'>Home</a></li><li>World &raquo; Europe</li></ul></nav>\n"
        "<h1>Russia-Ukraine war: key events</h1>\n<ul>\n"
        "<li>A Russian missile strike on Kharkiv killed 3 people &amp; injured 14, "
        "Governor Oleh Syniehubov said.</li>\n"
        "<li>Ukraine&#8217;s air force said it shot down 40 of 52 drones.</li>\n</ul>\n"
        "<p>&lt;not a tag&gt; &#x1F6A8; &unknown; &#99999999;</p><!-- comment -- -->\n"
        "<![CDATA[ raw ]]><img src=x onerror=alert(1)></body></html>\n"))
    write("markdown_noise.md", (
        "# Sudan: **key** developments\n\n> Quote block: *RSF* said \"we control El Fasher\".\n\n"
        "| Date | Place | Killed |\n|---|---|---|\n| 12 May | El Fasher | 30 |\n\n"
        "- [Drone strike](https://example.com/a?b=c&d=(e)) on Port Sudan killed **5** people.\n"
        "- ![img](data:image/png;base64,iVBORw0KGgo=) __RSF__ shelling hit Omdurman.\n"
        "* * *\n```python\nprint('- not a bullet: 3 killed')\n```\n"
        "1) Army says 20 fighters killed[^1].\n\n[^1]: Source: SAF statement.\n"
        "<details><summary>More</summary>hidden</details>\n"
        + "- " * 300 + "\n" + "#" * 200 + "\n" + "-" * 500 + "\n" + "1." * 400 + "\n"))
    write("many_quotes.txt", '"' * 3000 + "\n" + "'\u201c\u201d" * 1000 + "\n" + "said " * 500 + "\n")
    write("numbers_noise.txt", (
        "1,2,3,4,5,6,7,8,9,0 " * 200 + "\n"
        + "12 345 678 910 killed " * 50 + "\n"
        + "-1e309 killed, 0x1F injured, 1/0 missing, \u0661\u0662\u0663 dead, \u2160\u2161 hurt, "
        "\u00bd\u00be people, 10\u00b9\u2070\u2070 drones, 99999999999999999999999 killed.\n"
        + "between 5 and " * 100 + "7 people were killed.\n"))
    write("records.jsonl", "\n".join(records()) + "\n")
    write("empty_records.jsonl", "\n  \n\n")
    write("records_list.json", json.dumps([
        {"id": "list-1", "text": NEWS}, 3, None, {"text": 1.5}, {"id": "list-5", "text": NEWS},
    ]))
    write("empty_list.json", "[]")
    write("scalar.json", "42")
    write("truncated.json", '{"id": "t", "text": "Shelling hit')
    write("deep.json", "[" * 5000 + "]" * 5000)


if __name__ == "__main__":
    main()
