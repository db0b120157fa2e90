"""Shared vocabulary: one owner for each word list, unit, column and label the stages share."""
