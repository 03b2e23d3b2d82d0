"""Chinese text handling: normalisation for matching, segmentation, sentence and structure splitting."""
