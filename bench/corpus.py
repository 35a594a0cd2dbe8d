"""Deterministic benchmark corpora: Vietnamese posts with full front matter and photos."""

from __future__ import annotations

import io
import random
import shutil
from pathlib import Path

from PIL import Image

from bench.photos import scene

CATEGORIES = ["Tin hoạt động", "Thông báo", "Tuyên truyền", "An ninh trật tự"]
OFFICIALS = [
    "Ông Nguyễn Văn Hùng – Chủ tịch UBND phường",
    "Bà Lê Thị Mai – Chủ tịch Ủy ban MTTQ Việt Nam phường",
    "Ông Phạm Thanh Hòa – Phó Chủ tịch UBND phường",
    "Ông Trần Quốc Bảo – Trưởng Công an phường",
    "Đồng chí Võ Minh Tâm – Bí thư Đoàn phường",
]
TOPICS = [
    "Hội nghị đối thoại với Nhân dân",
    "Ra quân tổng vệ sinh môi trường",
    "Tuyên truyền phòng cháy chữa cháy",
    "Tiếp xúc cử tri",
    "Trao quà cho hộ khó khăn",
    "Kiểm tra trật tự đô thị",
]
PARAGRAPH = (
    "Ủy ban nhân dân phường phối hợp với Ủy ban Mặt trận Tổ quốc và các đoàn thể tổ "
    "chức hoạt động tại khu vực {n}, thu hút đông đảo người dân tham gia. Các ý kiến "
    "được ghi nhận và trả lời cụ thể, những nội dung vượt thẩm quyền được tổng hợp kiến "
    "nghị cấp trên xem xét giải quyết."
)


def _post_text(index: int, photos: list[str], rng: random.Random) -> str:
    day = 1 + index % 28
    month = 1 + (index // 28) % 12
    year = 2015 + index // 336
    topic = TOPICS[index % len(TOPICS)]
    officials = rng.sample(OFFICIALS, 2)
    lines = [
        "---",
        f"title: {topic} lần {index + 1}",
        f"date: {day:02d}/{month:02d}/{year} {7 + index % 12}:30",
        f"category: {CATEGORIES[index % len(CATEGORIES)]}",
        f"tags: {topic.split()[0].lower()}, khu vực {index % 6 + 1}",
        f"plan: {100 + index}/KH-UBND ngày {day:02d}/{month:02d}/{year}",
        "documents: [34/2021/NĐ-CP]",
        "officials:",
        *(f"  - {o}" for o in officials),
        "location: Hội trường UBND phường",
        f"attendees: {50 + index % 100}",
    ]
    if photos:
        lines.append("gallery:")
        for number, name in enumerate(photos, 1):
            lines += [
                f"  - src: {name}",
                f"    caption: Ảnh {number} của hoạt động lần {index + 1}",
            ]
    lines.append("---")
    body = "\n\n".join(PARAGRAPH.format(n=(index + k) % 6 + 1) for k in range(4))
    return "\n".join(lines) + "\n\n" + body + "\n"


class PhotoFactory:
    """4000x3000 JPEGs: a few rendered scenes, each photo made unique cheaply."""

    def __init__(self, width: int = 4000, height: int = 3000, bases: int = 6) -> None:
        self.width, self.height = width, height
        self.bases = [scene(width, height, seed) for seed in range(bases)]

    def write(self, path: Path, index: int, orientation: int | None) -> None:
        rng = random.Random(index)
        image = self.bases[index % len(self.bases)].copy()
        x, y = rng.randrange(self.width - 400), rng.randrange(self.height - 300)
        image.paste(
            (rng.randrange(256), rng.randrange(256), rng.randrange(256)),
            (x, y, x + 400, y + 300),
        )
        exif = Image.Exif()
        exif[0x010F] = "BenchPhone"
        if orientation:
            exif[0x0112] = orientation
            image = image.transpose(Image.Transpose.ROTATE_90)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=88, exif=exif.tobytes())
        path.write_bytes(buffer.getvalue())


def make_corpus(root: Path, posts: int, photos_per_post: int, seed: int = 7) -> Path:
    """Write content/ with `posts` posts (one folder each) and their photos."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "pages").mkdir(parents=True)
    rng = random.Random(seed)
    factory = PhotoFactory() if photos_per_post else None
    photo_index = 0
    for index in range(posts):
        folder = content / "posts" / f"{2015 + index // 336}" / f"bai-{index:05d}"
        folder.mkdir(parents=True)
        names = []
        for number in range(photos_per_post):
            name = f"anh-{number + 1}.jpg"
            # Every fifth photo is stored upright with EXIF orientation 6.
            factory.write(
                folder / name, photo_index, 6 if photo_index % 5 == 0 else None
            )
            photo_index += 1
            names.append(name)
        (folder / "index.md").write_text(
            _post_text(index, names, rng), encoding="utf-8"
        )
    return content
