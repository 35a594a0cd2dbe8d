"""A realistic benchmark corpus: ~700-word ward news posts, varied paragraphs,
2-4 officials from a pool of 40, plans and cited documents of many kinds.

Deterministic: post `i` depends only on `i` (and the seed), so the 300-, 1,000-
and 3,000-post corpora share their first posts. Every post has an explicit
`slug: bai-NNNNN`, so its address is /bai-NNNNN/ here and in the Hugo copy.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh"]
MIDDLE_MEN = ["Văn", "Hữu", "Minh", "Quốc", "Thanh", "Đức", "Công", "Ngọc"]
MIDDLE_WOMEN = ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ"]
GIVEN_MEN = [
    "Hùng", "Lâm", "Cảnh", "Quang", "Tâm", "Bảo", "Dũng", "Khoa", "Phúc", "Sơn",
    "Thắng", "Trung", "Vinh", "Hiếu", "Nghĩa", "Phong", "Tùng", "Định", "Kiên", "Lộc",
    "Nhân", "Tài", "Toàn", "Vũ",
]  # fmt: skip
GIVEN_WOMEN = [
    "Mai", "Hằng", "Lan", "Hương", "Trang", "Thảo", "Yến", "Nhung", "Oanh", "Phượng",
    "Diệu", "Quyên", "Xuân", "Hạnh", "Liên", "Vy",
]  # fmt: skip
ROLES = [
    "Bí thư Đảng ủy phường",
    "Phó Bí thư Thường trực Đảng ủy phường",
    "Chủ tịch UBND phường",
    "Phó Chủ tịch UBND phường",
    "Chủ tịch HĐND phường",
    "Phó Chủ tịch HĐND phường",
    "Chủ tịch Ủy ban MTTQ Việt Nam phường",
    "Trưởng Công an phường",
    "Phó Trưởng Công an phường",
    "Chỉ huy trưởng Ban Chỉ huy Quân sự phường",
    "Bí thư Đoàn phường",
    "Chủ tịch Hội Liên hiệp Phụ nữ phường",
    "Chủ tịch Hội Cựu chiến binh phường",
    "Chủ tịch Hội Nông dân phường",
    "Công chức Văn phòng – Thống kê",
    "Công chức Địa chính – Xây dựng",
    "Công chức Tư pháp – Hộ tịch",
    "Công chức Văn hóa – Xã hội",
    "Trưởng khu phố 1",
    "Trưởng khu phố 2",
    "Trưởng khu phố 3",
    "Trưởng khu phố 4",
    "Trưởng khu phố 5",
    "Trưởng khu phố 6",
    "Trạm trưởng Trạm Y tế phường",
    "Hiệu trưởng Trường Tiểu học phường",
]
CATEGORIES = [
    ("Tin hoạt động", 6),
    ("Thông báo", 3),
    ("Tuyên truyền", 3),
    ("An ninh trật tự", 2),
    ("Văn hóa – Xã hội", 2),
    ("Đô thị – Môi trường", 2),
    ("Cải cách hành chính", 1),
    ("Y tế – Giáo dục", 1),
]
TAGS = [
    "đối thoại", "dân chủ cơ sở", "môi trường", "vệ sinh", "phòng cháy chữa cháy",
    "trật tự đô thị", "an sinh xã hội", "hộ nghèo", "thanh niên", "phụ nữ", "cựu chiến binh",
    "tiêm chủng", "học sinh", "bầu cử", "tiếp công dân", "cải cách hành chính",
    "dịch vụ công", "chuyển đổi số", "an toàn giao thông", "ma túy", "khu phố văn hóa",
    "ngày hội đại đoàn kết", "nghĩa vụ quân sự", "tết", "trung thu", "người cao tuổi",
    "thoát nước", "chiếu sáng", "vỉa hè", "xây dựng",
]  # fmt: skip
TOPICS = [
    "Hội nghị đối thoại giữa Chủ tịch UBND phường và Nhân dân",
    "Ra quân tổng vệ sinh môi trường",
    "Tuyên truyền phòng cháy chữa cháy tại nhà trọ",
    "Tiếp xúc cử tri trước kỳ họp HĐND",
    "Trao quà cho hộ nghèo, hộ cận nghèo",
    "Kiểm tra trật tự đô thị trên các tuyến hẻm",
    "Ngày hội Đại đoàn kết toàn dân tộc",
    "Tiêm chủng mở rộng cho trẻ em",
    "Lễ giao nhận quân",
    "Tập huấn dịch vụ công trực tuyến",
    "Sơ kết công tác cải cách hành chính",
    "Tổng kết phong trào khu phố văn hóa",
    "Ra mắt mô hình camera an ninh",
    "Họp mặt người cao tuổi",
    "Tết Trung thu cho thiếu nhi",
    "Thông báo lịch tiếp công dân",
]
PLACES = [
    "Hội trường UBND phường",
    "Nhà văn hóa khu phố {k}",
    "Trụ sở Ban điều hành khu phố {k}",
    "Sân Trường Tiểu học phường",
    "Trạm Y tế phường",
    "Công viên khu phố {k}",
]
# Sentence templates, one a line ({d} date, {k} small number, {n} count …).
SENTENCES = (
    (Path(__file__).with_name("sentences.txt")).read_text(encoding="utf-8").splitlines()
)
LIST_LEADS = [
    "Các nội dung chính được thống nhất như sau:",
    "Người dân cần lưu ý:",
    "Kết quả nổi bật trong đợt thực hiện:",
]
LIST_ITEMS = [
    "tuyên truyền đến từng hộ gia đình trong khu phố {k}",
    "hoàn thành trước ngày {d2}",
    "mỗi khu phố cử {k} thành viên tham gia tổ tự quản",
    "ghi nhận {n} ý kiến đóng góp của người dân",
    "phối hợp với Công an phường kiểm tra định kỳ hằng tháng",
    "báo cáo kết quả về Văn phòng UBND phường",
    "vận động {n} hộ dân ký cam kết thực hiện",
    "lắp đặt thêm {k} bóng đèn chiếu sáng công cộng",
]
DOC_KINDS = ["QĐ-UBND", "TB-UBND", "KH-UBND", "CV-UBND", "BC-UBND", "NQ-HĐND"]


def _official_pool() -> list[str]:
    """40 distinct officials "Ông|Bà Họ Tên – Chức vụ", no two names one letter apart."""
    rng = random.Random(4040)
    names: list[str] = []
    pool: list[str] = []
    index = 0
    while len(pool) < 40:
        woman = index % 3 == 1
        middle = MIDDLE_WOMEN if woman else MIDDLE_MEN
        given = GIVEN_WOMEN if woman else GIVEN_MEN
        name = f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
        index += 1
        if name in names or any(_one_letter_apart(name, other) for other in names):
            continue
        names.append(name)
        role = ROLES[len(pool) % len(ROLES)]
        pool.append(f"{'Bà' if woman else 'Ông'} {name} – {role}")
    return pool


def _one_letter_apart(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


OFFICIALS = _official_pool()


def _document_pool() -> list[str]:
    """Cited documents, each written one way everywhere (number + date)."""
    rng = random.Random(2021)
    pool = [
        "Nghị định số 34/2021/NĐ-CP",
        "Nghị định số 59/2022/NĐ-CP",
        "Nghị định số 30/2020/NĐ-CP",
        "Nghị định số 100/2019/NĐ-CP",
        "Luật Tiếp công dân số 42/2013/QH13",
        "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
        "25/QĐ-TTg ngày 05/01/2023",
        "06/QĐ-TTg ngày 06/01/2022",
        "39-CT/TW ngày 30/10/2019",
        "05-CT/TW ngày 15/05/2016",
    ]
    seen: set[tuple[str, int]] = set()
    while len(pool) < 60:
        year = rng.randrange(2016, 2024)
        kind = rng.choice(DOC_KINDS)
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(360))
        if kind == "NQ-HĐND":
            number = f"{rng.randrange(1, 40):02d}/{year}/NQ-HĐND"
        else:
            number = f"{rng.randrange(400, 999)}/{kind}"  # plans below use 1..399
        if (number, year) in seen:
            continue
        seen.add((number, year))
        pool.append(f"{number} ngày {date:%d/%m/%Y}")
    return list(dict.fromkeys(pool))


DOCUMENTS = _document_pool()
START = dt.datetime(2017, 1, 2)


def post_date(index: int) -> dt.datetime:
    """About one post a day, at varied hours; later index, later date."""
    rng = random.Random(index * 7919)
    day = START + dt.timedelta(days=index * 21 // 24)
    return day.replace(hour=rng.randrange(7, 19), minute=rng.choice((0, 15, 30, 45)))


def plan_numbers(count: int) -> list[tuple[int, dt.date] | None]:
    """Post i's plan (serial, date) or None; serials restart every year."""
    plans: list[tuple[int, dt.date] | None] = []
    per_year: dict[int, int] = {}
    for index in range(count):
        rng = random.Random(index * 104729)
        if rng.random() < 0.3:
            plans.append(None)
            continue
        date = post_date(index).date() - dt.timedelta(days=1 + index % 9)
        per_year[date.year] = per_year.get(date.year, 0) + 1
        plans.append((per_year[date.year], date))
    return plans


def _fill(template: str, rng: random.Random, when: dt.datetime, topic: str) -> str:
    later = when + dt.timedelta(days=rng.randrange(5, 40))
    return template.format(
        d=f"{when:%d/%m/%Y}",
        d2=f"{later:%d/%m/%Y}",
        place=rng.choice(PLACES).format(k=rng.randrange(1, 7)),
        topic_l=topic[0].lower() + topic[1:],
        n=rng.randrange(12, 480),
        p=rng.randrange(62, 100),
        k=rng.randrange(2, 9),
        m=rng.randrange(1, 13),
        q=rng.randrange(1, 5),
        t=rng.randrange(2, 30),
        v=f"{rng.randrange(2, 90) * 100_000:,}".replace(",", "."),
        y=when.year,
    )


def _body(
    index: int, rng: random.Random, when: dt.datetime, topic: str, words: int
) -> str:
    blocks: list[str] = []
    count = 0
    used = 0
    order = rng.sample(range(len(SENTENCES)), len(SENTENCES))
    while count < words:
        size = rng.randrange(2, 6)
        sentences = []
        for _ in range(size):
            sentences.append(
                _fill(SENTENCES[order[used % len(order)]], rng, when, topic)
            )
            used += 1
        paragraph = " ".join(sentences)
        blocks.append(paragraph)
        count += len(paragraph.split())
        if len(blocks) == 2 and index % 3 == 0:
            items = rng.sample(LIST_ITEMS, rng.randrange(3, 6))
            lines = [rng.choice(LIST_LEADS), ""]
            lines += [f"- {_fill(item, rng, when, topic)};" for item in items]
            blocks.append("\n".join(lines))
            count += sum(len(line.split()) for line in lines)
        if len(blocks) == 4 and index % 5 == 2:
            rows = ["| Khu phố | Số hộ | Kết quả |", "| --- | --- | --- |"]
            for k in range(1, rng.randrange(4, 7)):
                rows.append(
                    f"| Khu phố {k} | {rng.randrange(80, 600)} | "
                    f"{rng.randrange(60, 100)}% |"
                )
            blocks.append("\n".join(rows))
            count += 6 * len(rows)
    if index % 4 == 1 and index > 10:
        other = rng.randrange(0, index)
        blocks.insert(
            len(blocks) - 1,
            f"Xem thêm: [hoạt động trước đó của phường](../bai-{other:05d}/).",
        )
    return "\n\n".join(blocks)


def realistic_post(
    index: int, plan: tuple[int, dt.date] | None, seed: int = 11
) -> tuple[str, str]:
    """(folder year, text of posts/<year>/bai-NNNNN.md)."""
    rng = random.Random(seed * 1_000_003 + index)
    when = post_date(index)
    topic = TOPICS[rng.randrange(len(TOPICS))]
    k = rng.randrange(1, 7)
    title = f"{topic} khu phố {k}, lần {index % 7 + 1} năm {when.year}"
    names, weights = zip(*CATEGORIES, strict=True)
    category = rng.choices(names, weights)[0]
    tags = rng.sample(TAGS, rng.randrange(1, 4))
    officials = rng.sample(OFFICIALS, rng.randrange(2, 5))
    if rng.random() < 0.6:
        officials[0] += " (chủ trì)"
    documents = [d for d in rng.sample(DOCUMENTS, rng.randrange(0, 4)) if d]
    lines = [
        "---",
        f"title: {title}",
        f"slug: bai-{index:05d}",
        f"date: {when:%d/%m/%Y %H:%M}",
        f"category: {category}",
        f"tags: {', '.join(tags)}",
    ]
    if plan:
        lines.append(f"plan: {plan[0]}/KH-UBND ngày {plan[1]:%d/%m/%Y}")
    if documents:
        lines.append("documents:")
        lines += [f"  - {d}" for d in documents]
    lines.append("officials:")
    lines += [f"  - {o}" for o in officials]
    lines.append(f"location: {rng.choice(PLACES).format(k=k)}")
    lines.append(f"attendees: {rng.randrange(20, 300)}")
    lines.append("---")
    body = _body(index, rng, when, topic, rng.randrange(590, 690))
    return str(when.year), "\n".join(lines) + "\n\n" + body + "\n"


def make_realistic_corpus(root: Path, posts: int, seed: int = 11) -> Path:
    """Write root/content with `posts` realistic posts (no photos)."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "pages").mkdir(parents=True)
    for index, plan in enumerate(plan_numbers(posts)):
        year, text = realistic_post(index, plan, seed)
        path = content / "posts" / year / f"bai-{index:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content
