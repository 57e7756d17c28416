"""Optimizer race: would a better optimizer fix the valley without normalizing?"""
