#!/usr/bin/env python3
"""Writes the BaoStock response frames the tests replay, byte for byte as the server frames them
(baostock's util/socketutil.py, data/messageheader.py, common/contants.py):

    header = version + "\\x01" + two-digit message type + "\\x01" + body length (bytes) in ten digits   (21 chars)
    frame  = header + body + "\\x01" + str(zlib.crc32(header + body)) + "<![CDATA[]]>\\n"

Bodies are the \\x01-separated fields the Python client reads: error_code, error_msg, method, user_id,
cur_page_num, per_page_count, data ({"record": [[...], ...]}), the query's own arguments, and the field list.
Message types with a compressed body (COMPRESSED_MESSAGE_TYPE_TUPLE = ("96",)) carry zlib.compress(body).
Run from this folder: python3 make_frames.py
"""
import json
import zlib

VERSION = "00.9.10"
S = "\x01"
MARKER = b"<![CDATA[]]>\n"


def frame(msg_type, body, compressed=False):
    payload = zlib.compress(body.encode("utf-8")) if compressed else body.encode("utf-8")
    header = (VERSION + S + msg_type + S + str(len(payload)).zfill(10)).encode("ascii")
    crc = zlib.crc32(header + payload)
    return header + payload + (S + str(crc)).encode("ascii") + MARKER


def records(rows):
    return json.dumps({"record": rows}, ensure_ascii=False, separators=(",", ":"))


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


STOCK_BASIC_FIELDS = "code,code_name,ipoDate,outDate,type,status"
stock_basic_page1 = [
    ["sh.000001", "上证综合指数", "1991-07-15", "", "2", "1"],
    ["sh.600000", "浦发银行", "1999-11-10", "", "1", "1"],
    ["sh.600087", "退市长油", "1997-06-12", "2014-06-05", "1", "0"],
]
stock_basic_page2 = [
    ["sh.688981", "中芯国际", "2020-07-16", "", "1", "1"],
    ["sz.000001", "平安银行", "1991-04-03", "", "1", "1"],
    ["sz.300750", "宁德时代", "2018-06-11", "", "1", "1"],
]
stock_basic_page3 = [
    ["sz.399001", "深证成份指数", "1994-07-20", "", "2", "1"],
]

write("login.bin", frame("01", S.join(["0", "success", "login", "anonymous"])))
write("login_refused.bin", frame("01", S.join(["10001002", "用户名或密码错误", "login", "someone"])))
write("logout.bin", frame("03", S.join(["0", "success", "logout", "anonymous"])))
for page, rows in ((1, stock_basic_page1), (2, stock_basic_page2), (3, stock_basic_page3)):
    body = S.join(["0", "success", "query_stock_basic", "anonymous", str(page), "3", records(rows), "", "", STOCK_BASIC_FIELDS])
    write(f"query_stock_basic_page{page}.bin", frame("46", body))

trade_dates = [
    ["2024-11-11", "1"], ["2024-11-12", "1"], ["2024-11-13", "1"], ["2024-11-14", "1"],
    ["2024-11-15", "1"], ["2024-11-16", "0"], ["2024-11-17", "0"],
]
write("query_trade_dates.bin", frame("34", S.join(
    ["0", "success", "query_trade_dates", "anonymous", "1", "10000", records(trade_dates),
     "2024-11-11", "2024-11-17", "calendar_date,is_trading_day"])))

# A k-data-plus answer: the one compressed response type; used by the codec tests.
kdata = [["2024-11-15", "sz.000001", "11.45", "11.60", "11.40", "11.52", "119000000"]]
write("query_history_k_data_plus_compressed.bin", frame("96", S.join(
    ["0", "success", "query_history_k_data_plus", "anonymous", "1", "10000", records(kdata),
     "sz.000001", "date,code,open,high,low,close,volume", "2024-11-15", "2024-11-15", "d", "3"]), compressed=True))
