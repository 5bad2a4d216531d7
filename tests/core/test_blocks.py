"""Which blocks are examples and what their info strings say."""

from __future__ import annotations

import pytest

from glossary.core.blocks import BlockOptions, parse_info


@pytest.mark.parametrize(("info", "expected"), [
    ("python", BlockOptions("python", fence_info="python")),
    ("py", BlockOptions("py", fence_info="py")),
    ('python skip="needs a GPU"', BlockOptions("python", skip="needs a GPU", fence_info="python")),
    ("python timeout=90", BlockOptions("python", timeout=90.0, fence_info="python")),
    ('python title="a.py" timeout="2.5" hl_lines="1 2"',
     BlockOptions("python", timeout=2.5, fence_info='python title="a.py" hl_lines="1 2"')),
    ('{ .python skip=\'fragment\' }',
     BlockOptions("python", skip="fragment", fence_info="{ .python }")),
    ('{.Python #id data-x="1"}', BlockOptions("python", fence_info='{ .Python #id data-x="1" }')),
    ("bash", BlockOptions("bash", fence_info="bash")),
    ("", BlockOptions("", fence_info="")),
])
def test_info_strings(info: str, expected: BlockOptions) -> None:
    assert parse_info(info) == expected
