"""Stored title vectors are index data: checked at load against the manifest, and never reused by an
update unless they still belong to their titles."""
import json
import shutil

import numpy as np
import pytest


def _reseal(root):
    from reglens import storage
    version = storage.current_dir(root)
    manifest = json.loads((version / storage.MANIFEST).read_text(encoding="utf-8"))
    pointer = json.loads((root / storage.CURRENT).read_text(encoding="utf-8"))
    pointer["manifest_sha256"] = storage.seal(version, manifest)
    (root / storage.CURRENT).write_text(json.dumps(pointer), encoding="utf-8")


def test_the_spot_check_refuses_forged_vectors_too_large_to_compare():
    """3e38 is finite, so the index loads it; the cosine then overflows to inf/inf = nan and
    ``nan < 0.99`` is False: the forged vector passed the check meant to catch it."""
    from reglens.indexer import _cache_is_sound

    class Model:
        def get_text_embedding_batch(self, texts):
            return [[1.0, 1.0, 0.0, 0.0] for _ in texts]

    assert not _cache_is_sound(Model(), {"k": np.full(4, 3e38, np.float32)}, {"k": "甲法"})
    assert not _cache_is_sound(Model(), {"k": np.full(4, -3e38, np.float32)}, {"k": "甲法"})


def test_an_update_embeds_again_title_vectors_forged_too_large(sample_index, sample_docs, tmp_path):
    """A re-sealed index whose titles.npy holds huge finite numbers: the update reused them and
    unit_rows (float32 norm = inf) stored all-zero title vectors in the new, honestly sealed version."""
    from reglens import storage
    from reglens.indexer import BuildOptions, build
    from reglens.search import Index
    root = tmp_path / "idx"
    shutil.copytree(sample_index, root)
    version = storage.current_dir(root)
    shape = np.load(version / "dense" / "titles.npy").shape
    np.save(version / "dense" / "titles.npy", np.full(shape, 3e38, np.float32))
    _reseal(root)
    with np.errstate(all="ignore"):
        for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash"), incremental=True):
            pass
    norms = np.linalg.norm(Index(root).title_vectors().matrix, axis=1)
    assert norms == pytest.approx(np.ones(len(norms)), abs=1e-4)


@pytest.mark.parametrize("fill", [3e38, 0.5])
def test_title_vectors_that_are_not_unit_length_are_damage(sample_index, tmp_path, fill):
    """The build writes unit rows; rows of 3e38 load, every title's cosine overflows to inf and every
    English question's "document meaning" boost goes to the first document in the list."""
    from reglens.errors import IndexDamaged
    from reglens.storage import current_dir, read_manifest
    from reglens.title_vectors import load_titles
    root = tmp_path / "idx"
    shutil.copytree(sample_index, root)
    version = current_dir(root)
    shape = np.load(version / "dense" / "titles.npy").shape
    np.save(version / "dense" / "titles.npy", np.full(shape, fill, np.float32))
    with pytest.raises(IndexDamaged):
        load_titles(version, read_manifest(version))


def test_title_keys_must_name_each_document_s_own_title(sample_index, tmp_path):
    """docs reversed, keys (and rows) kept: every title vector now stands for another document;
    the keys are each title's text key, so this is checkable without the model."""
    from reglens.errors import IndexDamaged
    from reglens.storage import current_dir, read_manifest
    from reglens.title_vectors import load_titles
    root = tmp_path / "idx"
    shutil.copytree(sample_index, root)
    version = current_dir(root)
    path = version / "dense" / "title_keys.json"
    listing = json.loads(path.read_text(encoding="utf-8"))
    listing["docs"].reverse()
    path.write_text(json.dumps(listing), encoding="utf-8")
    with pytest.raises(IndexDamaged):
        load_titles(version, read_manifest(version))


def test_verify_calls_a_resealed_index_with_bad_title_vectors_damaged(sample_index, tmp_path, capsys):
    """Every checksum holds after a re-seal, so the checksums alone called this index intact while
    every search refused to load it (attack, session 30): verify also loads it as a search does."""
    from reglens import storage
    from reglens.cli import main
    root = tmp_path / "idx"
    shutil.copytree(sample_index, root)
    assert main(["index", "verify", "--index", str(root)]) == 0
    version = storage.current_dir(root)
    shape = np.load(version / "dense" / "titles.npy").shape
    np.save(version / "dense" / "titles.npy", np.full(shape, np.nan, np.float32))
    _reseal(root)
    assert storage.verify(root) == []  # the checksums agree with the edit
    capsys.readouterr()
    assert main(["index", "verify", "--index", str(root)]) == 2
    out = capsys.readouterr().out
    assert "DAMAGED" in out and "title" in out
