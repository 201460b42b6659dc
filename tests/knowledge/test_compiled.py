"""The compiled-knowledge cache: keyed by file contents, rebuilt when stale or corrupt."""

import pickle
import shutil

from frontlines.config import Settings
from frontlines.knowledge import compiled, load_knowledge
from frontlines.recognise.triggers import TriggerRuler


def settings_in(tmp_path) -> Settings:
    s = Settings()
    s.home = tmp_path / "home"
    return s


def test_compiled_cache_is_written_and_reused(tmp_path):
    s = settings_in(tmp_path)
    first = compiled.load(s)
    files = list((s.home / "cache").glob("knowledge-*.pickle"))
    assert len(files) == 1
    again = compiled.load(s)
    assert type(again.rulers[0]) is type(first.rulers[0])
    assert again.knowledge.codebook.sub_types.keys() == first.knowledge.codebook.sub_types.keys()


def test_compiled_cache_key_follows_file_contents(tmp_path):
    s = settings_in(tmp_path)
    before = compiled.cache_key(s)
    extra = tmp_path / "extra.yaml"
    shutil.copy(s.codebook, extra)
    s.extra_codebooks = [extra]
    assert compiled.cache_key(s) != before
    extra.write_text(extra.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = compiled.cache_key(s)
    assert edited != before


def test_corrupt_cache_is_rebuilt(tmp_path):
    s = settings_in(tmp_path)
    path = s.home / "cache" / f"knowledge-{compiled.cache_key(s)}.pickle"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    built = compiled.load(s)
    assert built.rulers and path.stat().st_size > 1000


def test_a_second_build_in_one_process_keeps_every_trigger(tmp_path):
    # load_knowledge is cached per process: building must not empty the shared codebook,
    # or the next build (another home, a --codebook run) compiles a ruler with no triggers.
    first = compiled.build(Settings())
    second = compiled.build(Settings())
    triggers = [next(r for r in built.rulers if isinstance(r, TriggerRuler)) for built in (first, second)]
    sizes = [len(pickle.dumps(ruler.trie)) for ruler in triggers]
    assert sizes[0] == sizes[1] and sizes[0] > 100_000
    assert load_knowledge(Settings()).codebook.triggers
