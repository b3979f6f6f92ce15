"""What the tests share: fakes of the world around hiptimer, and helpers more than one test uses.

Test modules import from here and never from one another or from conftest.
"""
