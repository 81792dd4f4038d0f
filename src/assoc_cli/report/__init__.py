"""Reports filed from the record: the annual report pack (年度工作报告 / 年检), the term
hand-over pack (换届材料) and the year on one screen (``assoc report``)."""
