"""Finding input files: which ones, in which order, and how their paths are shown."""

from __future__ import annotations

from pathlib import Path

from veikart_cli.app.dataset import display, yaml_files


def test_yaml_files_come_in_path_order_folders_by_their_parts(tmp_path: Path) -> None:
    for name in ("x/1.yaml", "x-y/2.yml", "x-y.yaml", "x.yaml", "X/3.yaml", "æ.yaml", "notes.txt", "a.yaml.d/c.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).touch()
    (tmp_path / "folder.yaml").mkdir()  # a folder is not a file, whatever its name

    found = [p.relative_to(tmp_path).as_posix() for p in yaml_files(tmp_path)]

    # The order pathlib gives: part by part, so x/1.yaml comes before x-y.yaml.
    assert found == ["X/3.yaml", "a.yaml.d/c.yaml", "x/1.yaml", "x-y/2.yml", "x-y.yaml", "x.yaml", "æ.yaml"]


def test_paths_below_the_working_folder_are_shown_relative_and_others_as_given(tmp_path: Path) -> None:
    assert display(tmp_path / "areas" / "a.yaml", tmp_path) == "areas/a.yaml"
    assert display(Path("areas/../areas/a.yaml"), tmp_path) == "areas/a.yaml"
    outside = tmp_path.parent / "other" / "a.yaml"
    assert display(outside, tmp_path) == str(outside)
