"""Program: from people to facilities (capacity, floor area, land, staff, occupants)."""

from cayo.program.facilities import Program, build_program

__all__ = ["Program", "build_program"]
