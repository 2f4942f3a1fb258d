def test_nothing(qapp):
    assert qapp is not None
